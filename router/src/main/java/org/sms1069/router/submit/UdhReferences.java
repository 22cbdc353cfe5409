package org.sms1069.router.submit;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.sms1069.messaging.redis.LuaScript;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * UDH concatenation references of long messages, unique per phone: a phone joins parts by reference,
 * so two long messages in flight to one phone must not share one. {@code sms:udh:<phone>} counts the
 * phone's long messages (reference = count mod 255 + 1); {@code sms:udhref:<messageId>} remembers the
 * message's reference so that a redelivered or retried message keeps it. One script, one round trip.
 */
public final class UdhReferences {
    private static final LuaScript ALLOCATE = LuaScript.of("""
            local kept = redis.call('GET', KEYS[1])
            if kept then return tonumber(kept) end
            local n = redis.call('INCR', KEYS[2])
            redis.call('EXPIRE', KEYS[2], ARGV[1])
            local reference = n % 255 + 1
            redis.call('SET', KEYS[1], reference, 'EX', ARGV[1])
            return reference""");

    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;

    public UdhReferences(RedisAsyncCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    public CompletionStage<Integer> referenceFor(String phone, String messageId) {
        return ALLOCATE.<Long>run(redis, ScriptOutputType.INTEGER,
                        new String[]{"sms:udhref:" + messageId, "sms:udh:" + phone}, Long.toString(ttl.toSeconds()))
                .thenApply(Long::intValue);
    }
}
