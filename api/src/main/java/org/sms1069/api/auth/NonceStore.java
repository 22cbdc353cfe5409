package org.sms1069.api.auth;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Remembers nonces for twice the allowed clock skew, so a captured request cannot be replayed. */
@Component
public class NonceStore {
    private final RedisReactiveCommands<String, String> redis;

    public NonceStore(RedisReactiveCommands<String, String> redis) {
        this.redis = redis;
    }

    /** True the first time a key uses a nonce within the window. */
    public Mono<Boolean> firstUse(String keyId, String nonce, Duration window) {
        return redis.set("sms:nonce:" + keyId + ":" + nonce, "1", SetArgs.Builder.nx().ex(window.multipliedBy(2)))
                .map("OK"::equals)
                .defaultIfEmpty(false);
    }
}
