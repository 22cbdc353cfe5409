package org.sms1069.api.auth;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Remembers nonces for twice the allowed clock skew plus a margin ({@code sms.security.nonce-margin}):
 * longer than a request's timestamp stays acceptable, so a captured request cannot be replayed, not even
 * at the edge of the window.
 */
@Component
public class NonceStore {
    private final RedisReactiveCommands<String, String> redis;

    public NonceStore(RedisReactiveCommands<String, String> redis) {
        this.redis = redis;
    }

    static String key(String keyId, String nonce) {
        return "sms:nonce:" + keyId + ":" + nonce;
    }

    /** What a request whose nonce was used before is answered. */
    public static ApiException replayed() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "nonce was already used: each request needs a new one");
    }

    /** True the first time a key uses a nonce within {@code lifetime}. */
    public Mono<Boolean> firstUse(String keyId, String nonce, Duration lifetime) {
        return firstUse(key(keyId, nonce), lifetime);
    }

    Mono<Boolean> firstUse(String key, Duration ttl) {
        return redis.set(key, "1", SetArgs.Builder.nx().px(ttl))
                .map("OK"::equals)
                .defaultIfEmpty(false);
    }
}
