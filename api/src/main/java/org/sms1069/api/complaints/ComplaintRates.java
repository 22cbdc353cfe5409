package org.sms1069.api.complaints;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Complaint rates over a window: complaints attributed to an app (or one of its signatures) per million
 * messages it sent in the window (accepted and not FAILED).
 */
@Component
public class ComplaintRates {
    private final DatabaseClient db;

    public ComplaintRates(DatabaseClient db) {
        this.db = db;
    }

    /** @param signature null for the whole app */
    public record Rate(String appId, String signature, long complaints, long sent, double perMillion) {
        static Rate of(String appId, String signature, long complaints, long sent) {
            return new Rate(appId, signature, complaints, sent, complaints * 1_000_000.0 / Math.max(sent, 1));
        }
    }

    /**
     * The rate of the app ({@code signature} null) or signature since {@code since}, counting only complaints
     * recorded after {@code forgivenBefore} (the last lift of a suspension of that scope), if given.
     */
    Mono<Rate> of(String appId, String signature, Instant since, Instant forgivenBefore) {
        String scope = signature == null ? "" : " AND signature = :sig";
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT (SELECT count(*) FROM complaints WHERE app_id = :app" + scope
                        + " AND complained_at >= :since AND recorded_at > :forgiven) AS complaints,"
                        + " (SELECT count(*) FROM messages WHERE app_id = :app" + scope
                        + " AND accepted_at >= :since AND status <> 'FAILED') AS sent")
                .bind("app", appId).bind("since", since.atOffset(ZoneOffset.UTC))
                .bind("forgiven", (forgivenBefore == null ? Instant.EPOCH : forgivenBefore).atOffset(ZoneOffset.UTC));
        if (signature != null) {
            spec = spec.bind("sig", signature);
        }
        return spec.map(row -> Rate.of(appId, signature, row.get("complaints", Long.class), row.get("sent", Long.class))).one();
    }

    /** Every signature of every app with a complaint since {@code since}, highest rate first. */
    public Flux<Rate> all(Instant since) {
        return db.sql("""
                        SELECT c.app_id, c.signature, c.complaints,
                               (SELECT count(*) FROM messages m WHERE m.app_id = c.app_id AND m.signature = c.signature
                                  AND m.accepted_at >= :since AND m.status <> 'FAILED') AS sent
                        FROM (SELECT app_id, signature, count(*) AS complaints FROM complaints
                              WHERE app_id IS NOT NULL AND signature IS NOT NULL AND complained_at >= :since
                              GROUP BY app_id, signature) AS c""")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map(row -> Rate.of(row.get("app_id", String.class), row.get("signature", String.class),
                        row.get("complaints", Long.class), row.get("sent", Long.class)))
                .all()
                .sort((a, b) -> Double.compare(b.perMillion(), a.perMillion()));
    }
}
