package org.sms1069.api.auth;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The nonce of a send, not yet recorded: the send records it in its one Redis round trip together with
 * its frequency limits (see {@code FrequencyLimiter}). Whatever way the request ends before that (an
 * error, a stored idempotent answer, a blocked text about to be logged), {@link #ensure} records it on
 * its own first, so a replayed request is refused exactly as if the nonce had been checked up front.
 * It travels in the Reactor context of the request.
 */
public final class NonceClaim {
    private final NonceStore store;
    private final String key;
    private final Duration ttl;
    private final AtomicBoolean recorded = new AtomicBoolean();

    NonceClaim(NonceStore store, String key, Duration ttl) {
        this.store = store;
        this.key = key;
        this.ttl = ttl;
    }

    /** The claim of the request being served, if its nonce check was deferred. */
    public static Mono<Optional<NonceClaim>> current() {
        return Mono.deferContextual(context -> Mono.just(context.getOrEmpty(NonceClaim.class)));
    }

    /** Records the current request's nonce unless that was done already; fails with 401 if it was used before. */
    public static Mono<Void> ensureCurrent() {
        return current().flatMap(claim -> claim.map(NonceClaim::ensure).orElse(Mono.empty()));
    }

    public String key() {
        return key;
    }

    public Duration ttl() {
        return ttl;
    }

    /** The send's script recorded the nonce (it was new). */
    public void recorded() {
        recorded.set(true);
    }

    public Mono<Void> ensure() {
        if (recorded.get()) {
            return Mono.empty();
        }
        return store.firstUse(key, ttl).flatMap(first -> {
            if (!first) {
                return Mono.error(NonceStore.replayed());
            }
            recorded.set(true);
            return Mono.empty();
        });
    }
}
