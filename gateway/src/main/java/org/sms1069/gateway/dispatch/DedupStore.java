package org.sms1069.gateway.dispatch;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Remembers which parts a carrier has accepted, by the router's dedup key, so that a part that
 * Kafka delivers again (after a crash between submit and offset commit) never reaches a phone twice.
 */
public final class DedupStore {
    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;

    public DedupStore(RedisAsyncCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    public CompletionStage<Boolean> alreadySubmitted(String dedupKey) {
        return redis.exists(key(dedupKey)).thenApply(n -> n > 0);
    }

    public CompletionStage<Void> markSubmitted(String dedupKey) {
        return redis.set(key(dedupKey), "1", SetArgs.Builder.ex(ttl)).thenApply(ok -> null);
    }

    private static String key(String dedupKey) {
        return "sms:dedup:" + dedupKey;
    }
}
