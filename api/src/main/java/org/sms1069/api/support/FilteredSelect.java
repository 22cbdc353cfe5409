package org.sms1069.api.support;

import org.springframework.r2dbc.core.DatabaseClient;

import java.util.LinkedHashMap;
import java.util.Map;

/** A SELECT of the list endpoints: one {@code AND} condition per filter that is set, each with its bound value. */
public final class FilteredSelect {
    private final StringBuilder sql;
    private final Map<String, Object> binds = new LinkedHashMap<>();

    /** @param select a statement that ends in a WHERE clause, e.g. {@code SELECT * FROM t WHERE true} */
    public FilteredSelect(String select) {
        this.sql = new StringBuilder(select);
    }

    /** Adds {@code AND clause} binding {@code value} as {@code :name}, unless the value is null (filter not set). */
    public FilteredSelect and(String clause, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            binds.put(name, value);
        }
        return this;
    }

    /** @param tail what follows the conditions (ORDER BY, LIMIT), never user input */
    public DatabaseClient.GenericExecuteSpec on(DatabaseClient db, String tail) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql + " " + tail);
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }
}
