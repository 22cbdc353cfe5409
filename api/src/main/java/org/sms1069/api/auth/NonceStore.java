package org.sms1069.api.auth;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.support.KeyedDigest;
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
    private static final String LABEL = "sms1069/nonce/v1";

    private final RedisReactiveCommands<String, String> redis;
    private final KeyedDigest digest;

    public NonceStore(RedisReactiveCommands<String, String> redis, ApiProperties properties) {
        this.redis = redis;
        this.digest = KeyedDigest.derive(properties.security().masterKey(), LABEL);
    }

    /** A key's nonce as its Redis key, short ({@link KeyedDigest#keyName}): kept for the whole replay window. */
    private String key(String keyId, String nonce) {
        return "sms:nonce:" + digest.keyName(keyId, nonce);
    }

    /** A key's nonce to be recorded later, by the send it came with ({@link NonceClaim}). */
    public NonceClaim claim(String keyId, String nonce, Duration lifetime) {
        return new NonceClaim(this, key(keyId, nonce), lifetime);
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
