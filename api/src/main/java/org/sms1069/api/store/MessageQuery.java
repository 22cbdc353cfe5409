package org.sms1069.api.store;

import org.sms1069.api.support.QueryParams;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.phone.PhoneNumbers;

import java.time.Instant;
import java.util.Arrays;

import static org.sms1069.api.support.QueryParams.blankToNull;
import static org.sms1069.api.support.QueryParams.invalid;

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
        if (blankToNull(phone) != null) {
            PhoneNumbers.Parsed parsed = PhoneNumbers.parse(phone);
            if (!parsed.isValid()) {
                throw invalid("phone: " + parsed.error());
            }
            canonicalPhone = parsed.number().orElseThrow().value();
        }
        MessageStatus parsedStatus = null;
        if (blankToNull(status) != null) {
            try {
                parsedStatus = MessageStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw invalid("status must be one of " + Arrays.toString(MessageStatus.values()));
            }
        }
        QueryParams.Cursor after = QueryParams.Cursor.decode(cursor);
        return new MessageQuery(canonicalPhone, parsedStatus, QueryParams.instant("from", from),
                QueryParams.instant("to", to), blankToNull(clientRef), QueryParams.limit(limit, 50, MAX_LIMIT),
                after == null ? null : after.at(), after == null ? null : after.id());
    }

    public static String cursor(Instant acceptedAt, String id) {
        return new QueryParams.Cursor(acceptedAt, id).encode();
    }
}
