package org.sms1069.api.mo;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Replies from phones in PostgreSQL; the same reply delivered twice is stored once. */
@Component
public class MoStore {
    private final DatabaseClient db;

    public MoStore(DatabaseClient db) {
        this.db = db;
    }

    /** A stored reply; appId is null when no app has the number it was sent to. */
    public record StoredMo(long id, String appId, String phone, String destination, String text, String carrier,
                           Instant receivedAt) {
    }

    /** What a reply to a stored MO needs of it: the phone it goes to and the carrier's LinkID to send back (or null). */
    public record RepliedMo(String phone, String carrierLinkId) {
    }

    /** The new row's id, or empty if this reply was stored before. */
    Mono<Long> insert(String appId, String phone, String destination, String text, String carrier, Instant receivedAt,
                      String carrierMsgId, String carrierLinkId) {
        // a redelivered record (same reply, same time) or a DELIVER the carrier sent again (same carrier id)
        // inserts nothing, and the caller then stores and calls back nothing
        return db.sql("""
                        INSERT INTO mo_messages (app_id, phone, destination, text, carrier, received_at, carrier_msg_id,
                                                 carrier_link_id)
                        VALUES (:app, :phone, :dest, :text, :carrier, :at, :cid, :lid)
                        ON CONFLICT DO NOTHING
                        RETURNING id""")
                .bind("app", Parameters.in(R2dbcType.VARCHAR, appId)).bind("phone", phone).bind("dest", destination)
                .bind("text", text).bind("carrier", Parameters.in(R2dbcType.VARCHAR, carrier))
                .bind("cid", Parameters.in(R2dbcType.VARCHAR, carrierMsgId))
                .bind("lid", Parameters.in(R2dbcType.VARCHAR, carrierLinkId))
                .bind("at", receivedAt.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /** The app's reply {@code id}; empty when there is none, or it is another app's (or no app's). */
    public Mono<RepliedMo> repliedMo(String appId, long id) {
        return db.sql("SELECT phone, carrier_link_id FROM mo_messages WHERE id = :id AND app_id = :app")
                .bind("id", id).bind("app", appId)
                .map(row -> new RepliedMo(row.get("phone", String.class), row.get("carrier_link_id", String.class)))
                .one();
    }

    /** The app's replies, newest first, received in [from, to), with ids below {@code before}; limit + 1 rows. */
    public Flux<StoredMo> list(String appId, Instant from, Instant to, Long before, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, app_id, phone, destination, text, carrier, received_at FROM mo_messages WHERE app_id = :app""");
        if (from != null) {
            sql.append(" AND received_at >= :from");
        }
        if (to != null) {
            sql.append(" AND received_at < :to");
        }
        if (before != null) {
            sql.append(" AND id < :before");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("app", appId).bind("limit", limit + 1);
        if (from != null) {
            spec = spec.bind("from", from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            spec = spec.bind("to", to.atOffset(ZoneOffset.UTC));
        }
        if (before != null) {
            spec = spec.bind("before", before);
        }
        return spec.map(row -> new StoredMo(row.get("id", Long.class), row.get("app_id", String.class),
                row.get("phone", String.class), row.get("destination", String.class), row.get("text", String.class),
                row.get("carrier", String.class), row.get("received_at", OffsetDateTime.class).toInstant())).all();
    }
}
