package org.sms1069.api.unsubscribe;

import org.sms1069.api.reference.ReferenceCache;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Phones that unsubscribed from an app by replying T, TD, 退订 or N, and phones that complained about it
 * (keyword {@value #COMPLAINT}: its do-not-send list, which covers public-welfare messages too). An app's opt-outs are cached in
 * each instance while they are few (the unsubscribes trigger evicts them on every new one); an app
 * with more is asked per request, in one statement for all its phones.
 */
@Component
public class Unsubscribes {
    static final int CACHED_PER_APP = 10_000;
    public static final String COMPLAINT = "COMPLAINT";

    private final DatabaseClient db;
    private final ReferenceCache cache;

    public Unsubscribes(DatabaseClient db, ReferenceCache cache) {
        this.db = db;
        this.cache = cache;
    }

    /** All of an app's opt-outs if {@code complete} (the phones that complained among them), otherwise too many to keep. */
    private record OptOuts(Set<String> phones, Set<String> complained, boolean complete) {
    }

    /** @param complaintsOnly only the phones that complained (for public-welfare messages, which an unsubscribe does not stop) */
    public Mono<Set<String>> among(String appId, Collection<String> phones, boolean complaintsOnly) {
        if (phones.isEmpty()) {
            return Mono.just(Set.of());
        }
        return cache.get(cacheKey(appId), () -> load(appId)).flatMap(optOuts -> {
            if (!optOuts.complete()) {
                return query(appId, phones, complaintsOnly);
            }
            Set<String> listed = complaintsOnly ? optOuts.complained() : optOuts.phones();
            Set<String> among = new HashSet<>();
            phones.forEach(phone -> {
                if (listed.contains(phone)) {
                    among.add(phone);
                }
            });
            return Mono.just(among);
        });
    }

    private Mono<OptOuts> load(String appId) {
        return db.sql("SELECT phone, keyword FROM unsubscribes WHERE app_id = :app LIMIT " + (CACHED_PER_APP + 1))
                .bind("app", appId)
                .map(row -> Map.entry(row.get("phone", String.class), row.get("keyword", String.class))).all()
                .collectList()
                .map(rows -> rows.size() > CACHED_PER_APP ? new OptOuts(Set.of(), Set.of(), false)
                        : new OptOuts(rows.stream().map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet()),
                        rows.stream().filter(r -> COMPLAINT.equals(r.getValue())).map(Map.Entry::getKey)
                                .collect(Collectors.toUnmodifiableSet()), true));
    }

    private Mono<Set<String>> query(String appId, Collection<String> phones, boolean complaintsOnly) {
        return db.sql("SELECT phone FROM unsubscribes WHERE app_id = :app AND phone = ANY(:phones)"
                        + (complaintsOnly ? " AND keyword = '" + COMPLAINT + "'" : ""))
                .bind("app", appId).bind("phones", phones.toArray(String[]::new))
                .map(row -> row.get("phone", String.class)).all()
                .collect(HashSet::new, Set::add);
    }

    /** Puts a phone that complained on the app's do-not-send list (an earlier unsubscribe becomes a complaint). */
    public Mono<Void> recordComplaint(String appId, String phone) {
        return db.sql("""
                        INSERT INTO unsubscribes (app_id, phone, keyword) VALUES (:app, :phone, :kw)
                        ON CONFLICT (app_id, phone) DO UPDATE SET keyword = EXCLUDED.keyword""")
                .bind("app", appId).bind("phone", phone).bind("kw", COMPLAINT)
                .fetch().rowsUpdated()
                .doOnSuccess(n -> cache.evict(cacheKey(appId)))
                .then();
    }

    public Mono<Void> record(String appId, String phone, String keyword) {
        return db.sql("INSERT INTO unsubscribes (app_id, phone, keyword) VALUES (:app, :phone, :kw) ON CONFLICT DO NOTHING")
                .bind("app", appId).bind("phone", phone).bind("kw", keyword)
                .fetch().rowsUpdated()
                .doOnSuccess(n -> cache.evict(cacheKey(appId)))
                .then();
    }

    private static String cacheKey(String appId) {
        return "unsub:" + appId;
    }
}
