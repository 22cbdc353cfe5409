package org.sms1069.api.compliance;

import com.fasterxml.jackson.core.type.TypeReference;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.sms1069.api.apps.App;
import org.sms1069.api.logging.RequestLogContext;
import org.sms1069.api.store.ComposedMessage;
import org.sms1069.filter.Verdict;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Topics;
import org.sms1069.model.event.BlockedMessage;
import org.sms1069.model.json.SmsJson;
import org.sms1069.model.phone.PhoneNumbers;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The durable compliance log: blocked sends go to {@code sms.blocked} (acks=all) before the 422 is
 * answered, and the api's consumer writes them to PostgreSQL, once per event id.
 */
@Component
public class BlockedLog {
    private static final TypeReference<List<BlockedMessage.Span>> SPANS = new TypeReference<>() {
    };

    private final Publisher publisher;
    private final DatabaseClient db;
    private final Clock clock;

    public BlockedLog(Publisher publisher, DatabaseClient db, Clock clock) {
        this.publisher = publisher;
        this.db = db;
        this.clock = clock;
    }

    Mono<Void> publish(App app, ComposedMessage message, List<String> phones, Verdict verdict, String rulesVersion) {
        BlockedMessage event = new BlockedMessage(BlockedMessage.VERSION, UUID.randomUUID().toString(), app.id(),
                message.type(), phones.stream().map(PhoneNumbers::mask).toList(), message.keptText(),
                verdict.category().name(), verdict.ruleIds(),
                verdict.spans().stream().map(s -> new BlockedMessage.Span(s.start(), s.end(), s.matched())).toList(),
                verdict.reason(), message.templateId(), rulesVersion, clock.instant(),
                verdict.score() == null ? null : verdict.score().modelVersion(),
                verdict.score() == null ? null : verdict.score().probability());
        return RequestLogContext.restored(() -> Mono.fromFuture(publisher.publish(Topics.BLOCKED, app.id(), event))).then();
    }

    /** Writes one record of {@code sms.blocked}; a redelivered record changes nothing. */
    public Mono<Void> record(BlockedMessage event) {
        return db.sql("""
                        INSERT INTO blocked_messages (event_id, app_id, type, masked_phones, text, category, rule_ids, spans,
                                                      reason, template_id, rules_version, at, model_version, marketing_score)
                        VALUES (:event, :app, :type, :phones, :text, :category, :rules, :spans, :reason, :tpl, :version, :at,
                                :model, :score)
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("event", event.id()).bind("app", event.appId())
                .bind("type", text(event.type() == null ? null : event.type().name()))
                .bind("phones", event.maskedPhones().toArray(String[]::new)).bind("text", event.text())
                .bind("category", event.category()).bind("rules", event.ruleIds().toArray(String[]::new))
                .bind("spans", Json.of(SmsJson.write(event.spans()))).bind("reason", truncate(event.reason(), 500))
                .bind("tpl", text(event.templateId())).bind("version", text(event.rulesVersion()))
                .bind("at", event.at().atOffset(ZoneOffset.UTC))
                .bind("model", text(event.modelVersion()))
                .bind("score", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.REAL,
                        event.marketingScore() == null ? null : event.marketingScore().floatValue()))
                .fetch().rowsUpdated().then();
    }

    public Flux<BlockedEntry> search(BlockedQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM blocked_messages WHERE true");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (q.from() != null) {
            sql.append(" AND at >= :from");
            binds.put("from", q.from().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" AND at < :to");
            binds.put("to", q.to().atOffset(ZoneOffset.UTC));
        }
        if (q.appId() != null) {
            sql.append(" AND app_id = :app");
            binds.put("app", q.appId());
        }
        if (q.category() != null) {
            sql.append(" AND category = :category");
            binds.put("category", q.category());
        }
        if (q.rule() != null) {
            // @> is what the GIN index on rule_ids answers; = ANY(rule_ids) would scan
            sql.append(" AND rule_ids @> :rules");
            binds.put("rules", new String[]{q.rule()});
        }
        if (q.text() != null) {
            // ILIKE '%...%' is answered by the trigram index (V17), case-insensitively
            sql.append(" AND text ILIKE :q");
            binds.put("q", "%" + likeEscaped(q.text()) + "%");
        }
        if (q.reviewState() != null) {
            sql.append(" AND review_state = :state");
            binds.put("state", q.reviewState());
        }
        if (q.beforeId() != null) {
            sql.append(" AND (at, id) < (:beforeAt, :beforeId)");
            binds.put("beforeAt", q.beforeAt().atOffset(ZoneOffset.UTC));
            binds.put("beforeId", q.beforeId());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ").append(q.limit() + 1);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> entry(row)).all();
    }

    public Mono<BlockedEntry> find(long id) {
        return db.sql("SELECT * FROM blocked_messages WHERE id = :id").bind("id", id).map(row -> entry(row)).one();
    }

    /** The entry, locked until the transaction ends: two reviews of one entry are recorded one after the other. */
    Mono<BlockedEntry> findForUpdate(long id) {
        return db.sql("SELECT * FROM blocked_messages WHERE id = :id FOR UPDATE").bind("id", id).map(row -> entry(row)).one();
    }

    Mono<Long> review(long id, String state, String comment, String reviewer) {
        return db.sql("""
                        UPDATE blocked_messages SET review_state = :state, review_comment = :comment, reviewed_by = :by,
                               reviewed_at = now() WHERE id = :id""")
                .bind("state", state).bind("comment", text(comment)).bind("by", reviewer).bind("id", id)
                .fetch().rowsUpdated();
    }

    /** Deletes entries older than the retention; answers how many. */
    public Mono<Long> purgeBefore(Instant cutoff) {
        return db.sql("DELETE FROM blocked_messages b WHERE at < :cutoff AND NOT EXISTS "
                        + "(SELECT 1 FROM filter_allowlist a WHERE a.blocked_id = b.id)")
                .bind("cutoff", cutoff.atOffset(ZoneOffset.UTC)).fetch().rowsUpdated();
    }

    private static BlockedEntry entry(Readable row) {
        OffsetDateTime reviewed = row.get("reviewed_at", OffsetDateTime.class);
        Json spans = row.get("spans", Json.class);
        return new BlockedEntry(row.get("id", Long.class), row.get("app_id", String.class), row.get("type", String.class),
                List.of(row.get("masked_phones", String[].class)), row.get("text", String.class),
                row.get("category", String.class), List.of(row.get("rule_ids", String[].class)),
                readSpans(spans), row.get("reason", String.class), row.get("template_id", String.class),
                row.get("rules_version", String.class), row.get("at", OffsetDateTime.class).toInstant(),
                row.get("review_state", String.class), row.get("review_comment", String.class),
                row.get("reviewed_by", String.class), reviewed == null ? null : reviewed.toInstant(),
                row.get("model_version", String.class), row.get("marketing_score", Float.class));
    }

    private static List<BlockedMessage.Span> readSpans(Json json) {
        try {
            return SmsJson.mapper().readValue(json.asString().getBytes(StandardCharsets.UTF_8), SPANS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable spans in the compliance log", e);
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static io.r2dbc.spi.Parameter text(String value) {
        return io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, value);
    }
}
