package org.sms1069.api.store;

import org.sms1069.model.MessageType;
import org.sms1069.model.event.AcceptedMessage;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Messages and their timelines in PostgreSQL; status events are applied by {@link StatusBatchWriter}.
 */
@Component
public class MessageStore {
    private final DatabaseClient db;

    public MessageStore(DatabaseClient db) {
        this.db = db;
    }

    public record StoredMessage(String id, String appId, String phone, String type, String status, String carrier,
                                int segments, String rawStat, String detail, String clientRef, Instant acceptedAt,
                                Instant updatedAt) {
    }

    public record StoredEvent(String status, int segment, String carrier, String linkId, String carrierMessageId,
                              String rawStat, String detail, Instant at) {
    }

    /**
     * Records the messages of one send as ACCEPTED in one statement, whatever the number of phones.
     * They come from one composed text, so they differ only in id and phone.
     */
    public Mono<Void> insertAccepted(List<AcceptedMessage> messages, ComposedMessage composed) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        AcceptedMessage first = messages.get(0);
        if (messages.stream().map(Shared::of).distinct().count() > 1) {
            return Mono.error(new IllegalArgumentException("the messages of one insert differ in more than id and phone"));
        }
        return db.sql("""
                        INSERT INTO messages (id, app_id, phone, type, text, source_addr, segments, status, client_ref,
                                              accepted_at, expires_at, updated_at, template_id, signature)
                        SELECT m.id, :app, m.phone, :type, :text, :src, :segments, 'ACCEPTED', :ref, :at, :expires, :at, :tpl, :sig
                        FROM unnest(:ids::varchar[], :phones::varchar[]) AS m (id, phone)""")
                .bind("ids", messages.stream().map(AcceptedMessage::messageId).toArray(String[]::new))
                .bind("phones", messages.stream().map(AcceptedMessage::phone).toArray(String[]::new))
                .bind("tpl", nullable(composed.templateId())).bind("sig", nullable(composed.signature()))
                .bind("app", first.appId()).bind("type", first.type().name())
                .bind("text", composed.keptText()).bind("src", first.sourceAddr()).bind("segments", first.segments())
                .bind("ref", Optional.ofNullable(first.clientRef()).orElse(""))
                .bind("at", utc(first.acceptedAt())).bind("expires", utc(first.expiresAt()))
                .fetch().rowsUpdated().then();
    }

    /** What the messages of one send have in common. */
    private record Shared(String appId, MessageType type, String text, String sourceAddr, int segments, String clientRef,
                          Instant acceptedAt, Instant expiresAt) {
        static Shared of(AcceptedMessage m) {
            return new Shared(m.appId(), m.type(), m.text(), m.sourceAddr(), m.segments(), m.clientRef(), m.acceptedAt(),
                    m.expiresAt());
        }
    }

    public Mono<Void> markFailed(List<String> ids, String detail) {
        return db.sql("UPDATE messages SET status = 'FAILED', detail = :detail, updated_at = now() WHERE id = ANY(:ids)")
                .bind("detail", detail).bind("ids", ids.toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    public Mono<StoredMessage> find(String appId, String id) {
        return db.sql("""
                        SELECT id, app_id, phone, type, status, carrier, segments, raw_stat, detail, client_ref, accepted_at, updated_at
                        FROM messages WHERE id = :id AND app_id = :app""")
                .bind("id", id).bind("app", appId)
                .map(row -> message(row))
                .one();
    }

    static StoredMessage message(io.r2dbc.spi.Readable row) {
        return new StoredMessage(row.get("id", String.class), row.get("app_id", String.class),
                row.get("phone", String.class), row.get("type", String.class), row.get("status", String.class),
                row.get("carrier", String.class), row.get("segments", Integer.class), row.get("raw_stat", String.class),
                row.get("detail", String.class), emptyToNull(row.get("client_ref", String.class)),
                row.get("accepted_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    /** The app's messages matching the query, newest first, one more than the page to tell if more follow. */
    public Flux<StoredMessage> search(String appId, MessageQuery q) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, app_id, phone, type, status, carrier, segments, raw_stat, detail, client_ref, accepted_at, updated_at
                FROM messages WHERE app_id = :app""");
        java.util.Map<String, Object> binds = new java.util.LinkedHashMap<>();
        binds.put("app", appId);
        if (q.phone() != null) {
            sql.append(" AND phone = :phone");
            binds.put("phone", q.phone());
        }
        if (q.status() != null) {
            sql.append(" AND status = :status");
            binds.put("status", q.status().name());
        }
        if (q.clientRef() != null) {
            sql.append(" AND client_ref = :ref");
            binds.put("ref", q.clientRef());
        }
        if (q.from() != null) {
            sql.append(" AND accepted_at >= :from");
            binds.put("from", utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND accepted_at < :to");
            binds.put("to", utc(q.to()));
        }
        if (q.afterTime() != null) {
            sql.append(" AND (accepted_at, id) < (:afterTime, :afterId)");
            binds.put("afterTime", utc(q.afterTime()));
            binds.put("afterId", q.afterId());
        }
        sql.append(" ORDER BY accepted_at DESC, id DESC LIMIT ").append(q.limit() + 1);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> message(row)).all();
    }

    public Flux<StoredEvent> timeline(String id) {
        return db.sql("""
                        SELECT status, segment, carrier, link_id, carrier_msg_id, raw_stat, detail, at
                        FROM message_events WHERE message_id = :id ORDER BY at, seq""")
                .bind("id", id)
                .map(row -> new StoredEvent(row.get("status", String.class), row.get("segment", Integer.class),
                        row.get("carrier", String.class), row.get("link_id", String.class),
                        row.get("carrier_msg_id", String.class), row.get("raw_stat", String.class),
                        row.get("detail", String.class), row.get("at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** R2DBC needs the type of a null; every nullable column here is text. */
    private static io.r2dbc.spi.Parameter nullable(String value) {
        return io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, value);
    }
}
