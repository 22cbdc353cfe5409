package org.sms1069.api.complaints;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.sms1069.api.support.FilteredSelect;
import org.sms1069.model.phone.PhoneNumbers;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Complaints in PostgreSQL, each attributed on insert to the message it is about. */
@Component
public class ComplaintStore {
    private final DatabaseClient db;

    public ComplaintStore(DatabaseClient db) {
        this.db = db;
    }

    /** What a complaint says; {@code appHint} restricts the match to one app (a reply names the app it answered). */
    public record NewComplaint(String phone, Instant at, ComplaintSource source, String carrierRef, String excerpt,
                               String appHint, Long moId, String createdBy) {
    }

    /**
     * Records the complaint against the latest message sent to the phone within {@code window} before it (of
     * the hinted app, if any), preferring one whose text contains the excerpt. Empty when the same carrier
     * reference or reply was recorded before.
     */
    Mono<Complaint> insert(NewComplaint c, Duration window) {
        return db.sql("""
                        INSERT INTO complaints (phone, complained_at, source, carrier_ref, excerpt, message_id, app_id, signature,
                                                template_id, mo_id, created_by)
                        SELECT :phone, :at, :source, :ref, :excerpt, m.id, m.app_id, m.signature, m.template_id, :mo, :by
                        FROM (SELECT 1) AS one LEFT JOIN LATERAL (
                            SELECT id, app_id, signature, template_id FROM messages
                            WHERE phone = :phone AND accepted_at <= :at AND accepted_at >= :since
                              AND (CAST(:app AS text) IS NULL OR app_id = :app)
                            ORDER BY (CAST(:excerpt AS text) IS NOT NULL AND strpos(text, :excerpt) > 0) DESC, accepted_at DESC
                            LIMIT 1) AS m ON true
                        ON CONFLICT DO NOTHING
                        RETURNING *""")
                .bind("phone", c.phone()).bind("at", c.at().atOffset(ZoneOffset.UTC))
                .bind("since", c.at().minus(window).atOffset(ZoneOffset.UTC))
                .bind("source", c.source().name()).bind("ref", text(c.carrierRef())).bind("excerpt", text(c.excerpt()))
                .bind("app", text(c.appHint())).bind("mo", Parameters.in(R2dbcType.BIGINT, c.moId())).bind("by", c.createdBy())
                .map(ComplaintStore::complaint).one();
    }

    /** The complaint recorded earlier under this carrier reference. */
    Mono<Complaint> byCarrierRef(ComplaintSource source, String carrierRef) {
        return db.sql("SELECT * FROM complaints WHERE source = :source AND carrier_ref = :ref")
                .bind("source", source.name()).bind("ref", carrierRef).map(ComplaintStore::complaint).one();
    }

    public record Filter(Instant from, Instant to, String appId, String signature, ComplaintSource source, int limit,
                         Long beforeId) {
    }

    /** Newest first; limit + 1 rows so that the caller knows whether there is a next page. */
    Flux<Complaint> list(Filter f) {
        return new FilteredSelect("SELECT * FROM complaints WHERE true")
                .and("complained_at >= :from", "from", f.from() == null ? null : f.from().atOffset(ZoneOffset.UTC))
                .and("complained_at < :to", "to", f.to() == null ? null : f.to().atOffset(ZoneOffset.UTC))
                .and("app_id = :app", "app", f.appId())
                .and("signature = :sig", "sig", f.signature())
                .and("source = :source", "source", f.source() == null ? null : f.source().name())
                .and("id < :before", "before", f.beforeId())
                .on(db, "ORDER BY id DESC LIMIT " + (f.limit() + 1))
                .map(ComplaintStore::complaint).all();
    }

    private static Complaint complaint(Readable row) {
        return new Complaint(row.get("id", Long.class), PhoneNumbers.mask(row.get("phone", String.class)),
                row.get("complained_at", OffsetDateTime.class).toInstant(), ComplaintSource.valueOf(row.get("source", String.class)),
                row.get("carrier_ref", String.class), row.get("excerpt", String.class), row.get("message_id", String.class),
                row.get("app_id", String.class), row.get("signature", String.class), row.get("template_id", String.class),
                row.get("mo_id", Long.class), row.get("created_by", String.class),
                row.get("recorded_at", OffsetDateTime.class).toInstant());
    }

    private static io.r2dbc.spi.Parameter text(String value) {
        return Parameters.in(R2dbcType.VARCHAR, value);
    }
}
