package org.sms1069.api.callback;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The dispatcher's side of the outbox: claims due callbacks so that several api instances share the
 * work without sending a row twice, and records each attempt and its outcome.
 */
@Component
class CallbackQueue {
    /**
     * Due rows of at most {@code :apps} apps (oldest first, busy apps left out), at most {@code :perApp}
     * each, locked with SKIP LOCKED and hidden from other instances for the lease. The lease is the only
     * claim: rows of an instance that dies become due again when it ends. The state and due time are
     * checked again on the locked row, in case another instance claimed it after our snapshot.
     */
    private static final String CLAIM = """
            WITH due AS (
                SELECT id, app_id, next_attempt_at FROM callbacks
                WHERE state = 'PENDING' AND next_attempt_at <= now() AND NOT (app_id = ANY(:busy))
                ORDER BY next_attempt_at LIMIT :scan),
            ranked AS (
                SELECT id, app_id, row_number() OVER (PARTITION BY app_id ORDER BY next_attempt_at, id) AS rn FROM due),
            chosen AS (
                SELECT app_id FROM due GROUP BY app_id ORDER BY min(next_attempt_at) LIMIT :apps),
            picked AS (
                SELECT c.id FROM callbacks c
                JOIN ranked r ON r.id = c.id JOIN chosen a ON a.app_id = r.app_id
                WHERE r.rn <= :perApp AND c.state = 'PENDING' AND c.next_attempt_at <= now()
                FOR UPDATE OF c SKIP LOCKED)
            UPDATE callbacks c SET next_attempt_at = now() + make_interval(secs => :lease)
            FROM picked WHERE c.id = picked.id
            RETURNING c.id, c.app_id, c.kind, c.payload::text AS payload""";

    /**
     * Exponential back-off per row from its own attempt count, with jitter in [base/2, base], never
     * later than the give-up time; a failure at or after the give-up time ends the row as GAVE_UP.
     */
    private static final String FAILED = """
            UPDATE callbacks SET attempts = attempts + 1, last_status = :status, last_error = :error,
                state = CASE WHEN created_at + make_interval(secs => :giveUp) <= now() THEN 'GAVE_UP' ELSE 'PENDING' END,
                next_attempt_at = LEAST(created_at + make_interval(secs => :giveUp),
                    now() + make_interval(secs => LEAST(:initial * power(2, LEAST(attempts, 30)), :max) * (0.5 + random() * 0.5)))
            WHERE id = ANY(:ids) AND state = 'PENDING'
            RETURNING id, state""";

    private final DatabaseClient db;

    CallbackQueue(DatabaseClient db) {
        this.db = db;
    }

    record Claimed(long id, String appId, String kind, String payload) {
    }

    Flux<Claimed> claim(Collection<String> busyApps, int apps, int perApp, Duration lease) {
        return db.sql(CLAIM)
                .bind("busy", busyApps.toArray(String[]::new))
                .bind("scan", Math.max(1000, apps * perApp))
                .bind("apps", apps).bind("perApp", perApp)
                .bind("lease", seconds(lease))
                .map(row -> new Claimed(row.get("id", Long.class), row.get("app_id", String.class),
                        row.get("kind", String.class), row.get("payload", String.class)))
                .all();
    }

    Mono<Void> delivered(List<Long> ids, int status) {
        return db.sql("""
                        UPDATE callbacks SET state = 'DELIVERED', attempts = attempts + 1, last_status = :status,
                            last_error = NULL, delivered_at = now()
                        WHERE id = ANY(:ids) AND state = 'PENDING'""")
                .bind("status", status).bind("ids", ids.toArray(Long[]::new))
                .fetch().rowsUpdated().then();
    }

    /** @return the number of rows given up by this failure */
    Mono<Long> failed(List<Long> ids, Integer status, String error, CallbackProperties policy) {
        return db.sql(FAILED)
                .bind("status", Parameters.in(R2dbcType.INTEGER, status))
                .bind("error", Parameters.in(R2dbcType.VARCHAR, truncate(error)))
                .bind("giveUp", seconds(policy.giveUpAfter()))
                .bind("initial", seconds(policy.initialBackoff()))
                .bind("max", seconds(policy.maxBackoff()))
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> row.get("state", String.class))
                .all()
                .filter("GAVE_UP"::equals)
                .count();
    }

    /** Ends rows that cannot be sent at all, e.g. because the app removed its callback URL. */
    Mono<Long> giveUp(List<Long> ids, String reason) {
        return db.sql("""
                        UPDATE callbacks SET state = 'GAVE_UP', last_error = :error
                        WHERE id = ANY(:ids) AND state = 'PENDING'""")
                .bind("error", truncate(reason)).bind("ids", ids.toArray(Long[]::new))
                .fetch().rowsUpdated();
    }

    Mono<Void> attempt(List<Long> ids, String appId, String url, Integer status, String error, Duration took) {
        return db.sql("""
                        INSERT INTO callback_attempts (callback_ids, app_id, url, status, error, duration_ms)
                        VALUES (:ids, :app, :url, :status, :error, :ms)""")
                .bind("ids", ids.toArray(Long[]::new)).bind("app", appId).bind("url", truncate(url, 500))
                .bind("status", Parameters.in(R2dbcType.INTEGER, status))
                .bind("error", Parameters.in(R2dbcType.VARCHAR, truncate(error)))
                .bind("ms", (int) Math.min(Integer.MAX_VALUE, took.toMillis()))
                .fetch().rowsUpdated().then();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String truncate(String text) {
        return truncate(text, 200);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
