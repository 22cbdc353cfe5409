package org.sms1069.api.support;

import reactor.core.publisher.Mono;

/**
 * Work that must not stop half-way when the client goes away: a send that has counted its frequency slots and
 * written its messages as ACCEPTED goes on to queue them (or to undo them) and to store its idempotent answer, so
 * that nothing is left ACCEPTED and never queued, no slot stays taken by a message that was not sent, and a retry
 * with the same {@code Idempotency-Key} gets the answer the lost connection did not. The work keeps the request's
 * context (trace, log fields, nonce).
 */
public final class EvenIfCancelled {
    private EvenIfCancelled() {
    }

    public static <T> Mono<T> run(Mono<T> work) {
        return Mono.deferContextual(context -> Mono.fromFuture(work.contextWrite(context).toFuture(), true));
    }
}
