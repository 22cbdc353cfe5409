package org.sms1069.api.suspension;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.sms1069.api.audit.AuditAction;
import org.sms1069.api.audit.AuditEvent;
import org.sms1069.api.audit.AuditLog;
import org.sms1069.api.reference.ReferenceCache;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Suspended apps and signatures. The request path reads an app's active suspensions from the reference
 * cache; the table's trigger (V17) evicts them on every instance, so a suspension or a lift takes effect
 * everywhere within 2 s. Suspending and lifting are audited in the same transaction as the caller's.
 */
@Component
public class Suspensions {
    private final DatabaseClient db;
    private final ReferenceCache cache;
    private final AuditLog audit;

    public Suspensions(DatabaseClient db, ReferenceCache cache, AuditLog audit) {
        this.db = db;
        this.cache = cache;
        this.audit = audit;
    }

    /** An app's active suspensions, as a value even when there is none, so that "none" is cached too. */
    private record Active(List<Suspension> suspensions) {
    }

    /** The active suspension that refuses a message of the app under this signature, if any (cached). */
    public Mono<Optional<Suspension>> refusing(String appId, String signature) {
        return cache.get(cacheKey(appId), () -> db.sql("SELECT * FROM suspensions WHERE app_id = :app AND lifted_at IS NULL")
                        .bind("app", appId).map(Suspensions::suspension).all().collectList().map(Active::new))
                .map(active -> active.suspensions().stream().filter(s -> s.covers(signature))
                        // an app-wide suspension is the one to name
                        .min((a, b) -> Boolean.compare(a.signature() != null, b.signature() != null)));
    }

    /**
     * Suspends the app ({@code signature} null) or one of its signatures; answers the new suspension, or
     * empty when that one is already suspended.
     */
    public Mono<Suspension> suspend(String appId, String signature, String reason, Integer complaints, Long sent, String actor) {
        return db.sql("""
                        INSERT INTO suspensions (app_id, signature, reason, complaints, sent, created_by)
                        VALUES (:app, :sig, :reason, :complaints, :sent, :by)
                        ON CONFLICT (app_id, signature) WHERE lifted_at IS NULL DO NOTHING
                        RETURNING *""")
                .bind("app", appId).bind("sig", signature == null ? "" : signature).bind("reason", reason)
                .bind("complaints", Parameters.in(R2dbcType.INTEGER, complaints))
                .bind("sent", Parameters.in(R2dbcType.BIGINT, sent)).bind("by", actor)
                .map(Suspensions::suspension).one()
                .flatMap(made -> audit.record(new AuditEvent(actor, AuditAction.SUSPENDED, AuditEvent.SubjectType.SUSPENSION,
                                String.valueOf(made.id()), appId, null, made.asMap(), reason))
                        .doOnSuccess(done -> cache.evict(cacheKey(appId)))
                        .thenReturn(made));
    }

    /** Lifts an active suspension; answers it lifted, or empty when there is no active one with this id. */
    public Mono<Suspension> lift(long id, String actor, String reason) {
        return db.sql("SELECT * FROM suspensions WHERE id = :id AND lifted_at IS NULL FOR UPDATE").bind("id", id)
                .map(Suspensions::suspension).one()
                .flatMap(before -> db.sql("""
                                UPDATE suspensions SET lifted_at = now(), lifted_by = :by, lift_reason = :reason
                                WHERE id = :id RETURNING *""")
                        .bind("by", actor).bind("reason", reason).bind("id", id)
                        .map(Suspensions::suspension).one()
                        .flatMap(after -> audit.record(new AuditEvent(actor, AuditAction.SUSPENSION_LIFTED,
                                        AuditEvent.SubjectType.SUSPENSION, String.valueOf(id), after.appId(), before.asMap(),
                                        after.asMap(), reason))
                                .doOnSuccess(done -> cache.evict(cacheKey(after.appId())))
                                .thenReturn(after)));
    }

    /** When the app's or signature's last suspension was lifted: complaints before that are forgiven. */
    public Mono<Optional<OffsetDateTime>> lastLift(String appId, String signature) {
        return db.sql("SELECT max(lifted_at) AS at FROM suspensions WHERE app_id = :app AND signature = :sig")
                .bind("app", appId).bind("sig", signature == null ? "" : signature)
                .map(row -> Optional.ofNullable(row.get("at", OffsetDateTime.class))).one();
    }

    /** Newest first, at most 500: the active ones, the lifted ones, or all. */
    public Flux<Suspension> list(Boolean active, String appId) {
        String sql = "SELECT * FROM suspensions WHERE true"
                + (active == null ? "" : active ? " AND lifted_at IS NULL" : " AND lifted_at IS NOT NULL")
                + (appId == null ? "" : " AND app_id = :app") + " ORDER BY created_at DESC LIMIT 500";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        if (appId != null) {
            spec = spec.bind("app", appId);
        }
        return spec.map(Suspensions::suspension).all();
    }

    private static Suspension suspension(Readable row) {
        String signature = row.get("signature", String.class);
        OffsetDateTime lifted = row.get("lifted_at", OffsetDateTime.class);
        return new Suspension(row.get("id", Long.class), row.get("app_id", String.class),
                signature.isEmpty() ? null : signature, row.get("reason", String.class), row.get("complaints", Integer.class),
                row.get("sent", Long.class), row.get("created_by", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), row.get("lifted_by", String.class),
                lifted == null ? null : lifted.toInstant(), row.get("lift_reason", String.class));
    }

    private static String cacheKey(String appId) {
        return "susp:" + appId;
    }
}
