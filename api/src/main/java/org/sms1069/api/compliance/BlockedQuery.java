package org.sms1069.api.compliance;

import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;

/** Filters of the compliance log query, newest first, with an opaque cursor. */
public record BlockedQuery(Instant from, Instant to, String appId, String category, String rule, String text,
                           String reviewState, int limit, Instant beforeAt, Long beforeId) {
    private static final Set<String> CATEGORIES = Set.of("MARKETING", "PROHIBITED", "FORMAT");
    private static final Set<String> STATES = Set.of("UNREVIEWED", "CONFIRMED", "FALSE_POSITIVE");

    public static BlockedQuery parse(String from, String to, String appId, String category, String rule, String q,
                                     String reviewState, Integer limit, String cursor) {
        if (category != null && !category.isBlank() && !CATEGORIES.contains(category)) {
            throw invalid("category must be one of " + CATEGORIES);
        }
        if (reviewState != null && !reviewState.isBlank() && !STATES.contains(reviewState)) {
            throw invalid("reviewState must be one of " + STATES);
        }
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw invalid("limit must be 1-200");
        }
        Instant beforeAt = null;
        Long beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                beforeAt = Instant.parse(parts[0]);
                beforeId = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw invalid("cursor is not one this API returned");
            }
        }
        return new BlockedQuery(instant("from", from), instant("to", to), blankToNull(appId), blankToNull(category),
                blankToNull(rule), blankToNull(q), blankToNull(reviewState), size, beforeAt, beforeId);
    }

    static String cursor(BlockedEntry last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((last.at() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
