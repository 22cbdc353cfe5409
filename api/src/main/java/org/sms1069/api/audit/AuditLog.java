package org.sms1069.api.audit;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.sms1069.api.support.FilteredSelect;
import org.sms1069.model.json.SmsJson;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The append-only audit trail (table {@code audit_log}, whose triggers refuse updates and deletes).
 * Callers record in the transaction of the change they audit, so a change and its record commit together.
 */
@Component
public class AuditLog {
    private final DatabaseClient db;

    public AuditLog(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(AuditEvent event) {
        return db.sql("""
                        INSERT INTO audit_log (actor, action, subject_type, subject_id, app_id, before, after, comment)
                        VALUES (:actor, :action, :type, :subject, :app, CAST(:before AS jsonb), CAST(:after AS jsonb), :comment)""")
                .bind("actor", event.actor()).bind("action", event.action().name())
                .bind("type", event.subjectType().name()).bind("subject", event.subjectId())
                .bind("app", text(event.appId())).bind("before", text(json(event.before())))
                .bind("after", text(json(event.after()))).bind("comment", text(event.comment()))
                .fetch().rowsUpdated().then();
    }

    public Flux<AuditEntry> search(AuditQuery q) {
        return new FilteredSelect("SELECT * FROM audit_log WHERE true")
                .and("at >= :from", "from", q.from() == null ? null : q.from().atOffset(ZoneOffset.UTC))
                .and("at < :to", "to", q.to() == null ? null : q.to().atOffset(ZoneOffset.UTC))
                .and("actor = :actor", "actor", q.actor())
                .and("action = :action", "action", q.action() == null ? null : q.action().name())
                .and("subject_type = :type", "type", q.subjectType() == null ? null : q.subjectType().name())
                .and("subject_id = :subject", "subject", q.subjectId())
                .and("app_id = :app", "app", q.appId())
                .and("id < :before", "before", q.beforeId())
                .on(db, "ORDER BY id DESC LIMIT " + (q.limit() + 1))
                .map(AuditLog::entry).all();
    }

    private static AuditEntry entry(Readable row) {
        return new AuditEntry(row.get("id", Long.class), row.get("at", OffsetDateTime.class).toInstant(),
                row.get("actor", String.class), row.get("action", String.class), row.get("subject_type", String.class),
                row.get("subject_id", String.class), row.get("app_id", String.class), tree(row.get("before", Json.class)),
                tree(row.get("after", Json.class)), row.get("comment", String.class));
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(Json json) {
        if (json == null) {
            return null;
        }
        try {
            return SmsJson.mapper().readTree(json.asString());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable state in the audit log", e);
        }
    }

    private static String json(Map<String, Object> state) {
        return state == null ? null : new String(SmsJson.write(state), StandardCharsets.UTF_8);
    }

    private static io.r2dbc.spi.Parameter text(String value) {
        return Parameters.in(R2dbcType.VARCHAR, value);
    }
}
