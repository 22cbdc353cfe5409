package org.sms1069.api.support;

import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Parsing of query parameters shared by the list endpoints: instants, page sizes, opaque cursors. */
public final class QueryParams {
    private QueryParams() {
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant such as 2026-11-28T08:00:00Z");
        }
    }

    public static int limit(Integer value, int fallback, int max) {
        int size = value == null ? fallback : value;
        if (size < 1 || size > max) {
            throw invalid("limit must be 1-" + max);
        }
        return size;
    }

    /** A cursor names the last row of a page: its time and its id. */
    public record Cursor(Instant at, String id) {
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw invalid("cursor is not one this API returned");
            }
        }
    }

    /** A cursor that is the last id of the previous page (lists ordered by id, newest first). */
    public static Long idCursor(String cursor) {
        if (blankToNull(cursor) == null) {
            return null;
        }
        try {
            return Long.parseLong(cursor.strip());
        } catch (NumberFormatException e) {
            throw invalid("cursor is not one this API returned");
        }
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
