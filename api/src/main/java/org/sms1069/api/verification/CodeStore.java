package org.sms1069.api.verification;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.sms1069.messaging.redis.LuaScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * The live code of one app, scene and phone in Redis: a hash {h: keyed hash of the code, f: wrong
 * answers so far} with the code's TTL. Every change is one Lua script, so that concurrent checks see a
 * single order: only one of them can consume a code, and the attempt counter never loses an increment.
 * The comparison of hashes happens in Java (constant time); the scripts only compare the stored hash
 * with the one the caller read, which is not secret to the caller.
 */
@Component
class CodeStore {
    /** Replaces any previous code (both fields are written): its attempts do not carry over. */
    private static final LuaScript ISSUE = LuaScript.of("""
            redis.call('HSET', KEYS[1], 'h', ARGV[1], 'f', '0')
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""");
    /** 1 if this caller consumed the code it compared against; 0 if someone else did first or it was replaced. */
    private static final LuaScript CONSUME = LuaScript.of("""
            if redis.call('HGET', KEYS[1], 'h') == ARGV[1] then
              redis.call('DEL', KEYS[1])
              return 1
            end
            return 0""");
    /** The new count of wrong answers (the code is gone once it reaches the limit), or -1 if the code changed meanwhile. */
    private static final LuaScript FAIL = LuaScript.of("""
            if redis.call('HGET', KEYS[1], 'h') ~= ARGV[1] then
              return -1
            end
            local f = redis.call('HINCRBY', KEYS[1], 'f', 1)
            if f >= tonumber(ARGV[2]) then
              redis.call('DEL', KEYS[1])
            end
            return f""");

    private final RedisReactiveCommands<String, String> redis;

    CodeStore(RedisReactiveCommands<String, String> redis) {
        this.redis = redis;
    }

    static String key(String appId, String scene, String phone) {
        return "sms:vc:{" + appId + ":" + scene + ":" + phone + "}";
    }

    Mono<Void> put(String key, String hashHex, Duration ttl) {
        return ISSUE.<Long>run(redis, ScriptOutputType.INTEGER, new String[]{key}, hashHex, String.valueOf(ttl.toMillis()))
                .then();
    }

    /** The stored hash, or empty if there is no live code. */
    Mono<String> hash(String key) {
        return redis.hget(key, "h");
    }

    Mono<Boolean> consume(String key, String hashHex) {
        return CONSUME.<Long>run(redis, ScriptOutputType.INTEGER, new String[]{key}, hashHex).next().map(n -> n == 1L);
    }

    Mono<Long> fail(String key, String hashHex, int maxAttempts) {
        return FAIL.<Long>run(redis, ScriptOutputType.INTEGER, new String[]{key}, hashHex, String.valueOf(maxAttempts)).next();
    }
}
