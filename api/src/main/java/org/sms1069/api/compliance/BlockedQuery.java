package org.sms1069.api.compliance;

import org.sms1069.api.support.QueryParams;

import java.time.Instant;
import java.util.Set;

import static org.sms1069.api.support.QueryParams.blankToNull;
import static org.sms1069.api.support.QueryParams.invalid;

/** Filters of the compliance log query, newest first, with an opaque cursor. */
public record BlockedQuery(Instant from, Instant to, String appId, String category, String rule, String text,
                           String reviewState, int limit, Instant beforeAt, Long beforeId) {
    private static final Set<String> CATEGORIES = Set.of("MARKETING", "PROHIBITED", "FORMAT");
    private static final Set<String> STATES = Set.of("UNREVIEWED", "CONFIRMED", "FALSE_POSITIVE");

    public static BlockedQuery parse(String from, String to, String appId, String category, String rule, String q,
                                     String reviewState, Integer limit, String cursor) {
        if (blankToNull(category) != null && !CATEGORIES.contains(category)) {
            throw invalid("category must be one of " + CATEGORIES);
        }
        if (blankToNull(reviewState) != null && !STATES.contains(reviewState)) {
            throw invalid("reviewState must be one of " + STATES);
        }
        QueryParams.Cursor after = QueryParams.Cursor.decode(cursor);
        Long beforeId = null;
        if (after != null) {
            try {
                beforeId = Long.parseLong(after.id());
            } catch (NumberFormatException e) {
                throw invalid("cursor is not one this API returned");
            }
        }
        return new BlockedQuery(QueryParams.instant("from", from), QueryParams.instant("to", to), blankToNull(appId),
                blankToNull(category), blankToNull(rule), blankToNull(q), blankToNull(reviewState),
                QueryParams.limit(limit, 50, 200), after == null ? null : after.at(), beforeId);
    }

    /** The same filters with another page size (the CSV export reads more than a page). */
    BlockedQuery withLimit(int rows) {
        return new BlockedQuery(from, to, appId, category, rule, text, reviewState, rows, beforeAt, beforeId);
    }

    static String cursor(BlockedEntry last) {
        return new QueryParams.Cursor(last.at(), String.valueOf(last.id())).encode();
    }
}
