package org.sms1069.api.status;

import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.phone.PhoneNumbers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Filters of {@code GET /v1/messages}, newest first, with an opaque cursor: the (accepted time, id)
 * of the last message of the previous page, so paging stays stable while new messages arrive.
 */
public record MessageQuery(String phone, MessageStatus status, Instant from, Instant to, String clientRef, int limit,
                           Instant afterTime, String afterId) {
    public static final int MAX_LIMIT = 200;

    public static MessageQuery parse(String phone, String status, String from, String to, String clientRef,
                                     Integer limit, String cursor) {
        String canonicalPhone = null;
        if (phone != null && !phone.isBlank()) {
            PhoneNumbers.Parsed parsed = PhoneNumbers.parse(phone);
            if (!parsed.isValid()) {
                throw invalid("phone: " + parsed.error());
            }
            canonicalPhone = parsed.number().orElseThrow().value();
        }
        MessageStatus parsedStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                parsedStatus = MessageStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw invalid("status must be one of " + java.util.Arrays.toString(MessageStatus.values()));
            }
        }
        int pageSize = limit == null ? 50 : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw invalid("limit must be 1-" + MAX_LIMIT);
        }
        Instant afterTime = null;
        String afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                afterTime = Instant.parse(parts[0]);
                afterId = parts[1];
            } catch (RuntimeException e) {
                throw invalid("cursor is not one this API returned");
            }
        }
        return new MessageQuery(canonicalPhone, parsedStatus, instant("from", from), instant("to", to),
                clientRef == null || clientRef.isBlank() ? null : clientRef, pageSize, afterTime, afterId);
    }

    public static String cursor(Instant acceptedAt, String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((acceptedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant such as 2026-11-28T08:00:00Z");
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
