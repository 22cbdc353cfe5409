package org.sms1069.api.mo;

import org.sms1069.api.reference.ReferenceCache;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Phones that unsubscribed from an app by replying T, TD, 退订 or N. An app's opt-outs are cached in
 * each instance while they are few (the unsubscribes trigger evicts them on every new one); an app
 * with more is asked per request, in one statement for all its phones.
 */
@Component
public class Unsubscribes {
    static final int CACHED_PER_APP = 10_000;

    private final DatabaseClient db;
    private final ReferenceCache cache;

    public Unsubscribes(DatabaseClient db, ReferenceCache cache) {
        this.db = db;
        this.cache = cache;
    }

    /** All of an app's opt-outs if {@code complete}, otherwise too many to keep. */
    private record OptOuts(Set<String> phones, boolean complete) {
    }

    public Mono<Set<String>> among(String appId, Collection<String> phones) {
        if (phones.isEmpty()) {
            return Mono.just(Set.of());
        }
        return cache.get(cacheKey(appId), () -> load(appId)).flatMap(optOuts -> {
            if (!optOuts.complete()) {
                return query(appId, phones);
            }
            Set<String> among = new HashSet<>();
            phones.forEach(phone -> {
                if (optOuts.phones().contains(phone)) {
                    among.add(phone);
                }
            });
            return Mono.just(among);
        });
    }

    private Mono<OptOuts> load(String appId) {
        return db.sql("SELECT phone FROM unsubscribes WHERE app_id = :app LIMIT " + (CACHED_PER_APP + 1))
                .bind("app", appId)
                .map(row -> row.get("phone", String.class)).all()
                .collectList()
                .map(phones -> phones.size() > CACHED_PER_APP ? new OptOuts(Set.of(), false) : new OptOuts(Set.copyOf(phones), true));
    }

    private Mono<Set<String>> query(String appId, Collection<String> phones) {
        return db.sql("SELECT phone FROM unsubscribes WHERE app_id = :app AND phone = ANY(:phones)")
                .bind("app", appId).bind("phones", phones.toArray(String[]::new))
                .map(row -> row.get("phone", String.class)).all()
                .collect(HashSet::new, Set::add);
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
