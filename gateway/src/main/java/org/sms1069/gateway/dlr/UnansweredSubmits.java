package org.sms1069.gateway.dlr;

import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Parts whose submit got no answer (TIMEOUT): the carrier may have taken them, but we never learnt their
 * carrier id. They wait per carrier account and phone, oldest first, in {@link CompactCorrelation} form, for a
 * receipt that matches nothing by id; such a receipt takes the oldest ({@link ReceiptCorrelator}'s match script
 * pops the list). Best effort: two unanswered parts to one phone may swap their receipts.
 */
final class UnansweredSubmits {
    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;

    UnansweredSubmits(RedisAsyncCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    CompletionStage<Void> add(String scope, String compact, String phone) {
        String key = key(scope, CarrierIds.phoneDigits(phone));
        return redis.rpush(key, compact).thenCompose(n -> redis.expire(key, ttl)).thenApply(ok -> null);
    }

    /** @param phoneDigits the phone's last 11 digits ({@link CarrierIds#phoneDigits}) */
    static String key(String scope, String phoneDigits) {
        return "sms:dlr-unanswered:" + scope + ":" + phoneDigits;
    }
}
