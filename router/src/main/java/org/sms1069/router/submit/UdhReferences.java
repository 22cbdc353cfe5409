package org.sms1069.router.submit;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * UDH concatenation references of long messages, unique per phone: a phone joins parts by reference,
 * so two long messages in flight to one phone must not share one. {@code sms:udh:<phone>} counts the
 * phone's long messages (reference = count mod 255 + 1); {@code sms:udhref:<messageId>} remembers the
 * message's reference so that a redelivered or retried message keeps it.
 */
public final class UdhReferences {
    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;

    public UdhReferences(RedisAsyncCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    public CompletionStage<Integer> referenceFor(String phone, String messageId) {
        String refKey = "sms:udhref:" + messageId;
        return redis.get(refKey).thenCompose(existing -> existing != null
                ? CompletableFuture.completedFuture(Integer.parseInt(existing))
                : allocate(phone, refKey));
    }

    private CompletionStage<Integer> allocate(String phone, String refKey) {
        String counter = "sms:udh:" + phone;
        return redis.incr(counter).thenCompose(n -> {
            int reference = (int) Math.floorMod(n, 255L) + 1;
            CompletableFuture<Boolean> expire = redis.expire(counter, ttl).toCompletableFuture();
            CompletableFuture<String> claim = redis.set(refKey, String.valueOf(reference), SetArgs.Builder.nx().ex(ttl))
                    .toCompletableFuture();
            return expire.thenCombine(claim, (e, ok) -> ok).thenCompose(ok -> "OK".equals(ok)
                    ? CompletableFuture.completedFuture(reference)
                    // another instance (a redelivery racing this one) claimed first: use its reference
                    : redis.get(refKey).thenApply(Integer::parseInt));
        });
    }
}
