package org.sms1069.api.support;

import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint, cut from {@code limit + 1} rows: the extra row only says that there is a next page. */
public record PageOf<T>(List<T> rows, String nextCursor) {

    /** @param cursor the cursor that continues after a row */
    public static <T> PageOf<T> cut(List<T> rowsAndOneMore, int limit, Function<T, String> cursor) {
        return rowsAndOneMore.size() <= limit
                ? new PageOf<>(rowsAndOneMore, null)
                : new PageOf<>(rowsAndOneMore.subList(0, limit), cursor.apply(rowsAndOneMore.get(limit - 1)));
    }
}
