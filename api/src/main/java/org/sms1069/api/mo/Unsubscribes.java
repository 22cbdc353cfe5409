package org.sms1069.api.mo;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Phones that unsubscribed from an app by replying T, TD, 退订 or N. */
@Component
public class Unsubscribes {
    private final DatabaseClient db;

    public Unsubscribes(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Set<String>> among(String appId, Collection<String> phones) {
        if (phones.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql("SELECT phone FROM unsubscribes WHERE app_id = :app AND phone = ANY(:phones)")
                .bind("app", appId).bind("phones", phones.toArray(String[]::new))
                .map(row -> row.get("phone", String.class)).all()
                .collect(HashSet::new, Set::add);
    }

    public Mono<Void> record(String appId, String phone, String keyword) {
        return db.sql("INSERT INTO unsubscribes (app_id, phone, keyword) VALUES (:app, :phone, :kw) ON CONFLICT DO NOTHING")
                .bind("app", appId).bind("phone", phone).bind("kw", keyword)
                .fetch().rowsUpdated().then();
    }
}
