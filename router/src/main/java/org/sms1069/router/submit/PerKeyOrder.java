package org.sms1069.router.submit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Keeps one phone's messages in order although each is prepared asynchronously with a different
 * number of Redis round trips (a long message allocates a UDH reference, a short one does not):
 * the last step of a message (handing its parts to the producer) runs only after the previous
 * message of the same key took its last step. If the previous one failed, this one fails too, so the
 * consumer rewinds both and the order survives the retry.
 */
final class PerKeyOrder {
    private final ConcurrentMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /**
     * Must be called in the order the messages arrive (the consumer thread does).
     *
     * @param issue hands the prepared value on; must do the order-relevant work (the producer sends)
     *              before it returns, its stage may complete later (the acknowledgement)
     */
    <T> CompletableFuture<Object> run(String key, CompletionStage<T> prepared, Function<T, CompletionStage<?>> issue) {
        CompletableFuture<Void> issued = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, issued);
        CompletableFuture<Void> gate = previous == null ? CompletableFuture.completedFuture(null) : previous;
        CompletableFuture<Object> result = prepared.toCompletableFuture()
                .thenCombine(gate, (value, ignored) -> value)
                .thenCompose(value -> {
                    try {
                        CompletionStage<?> stage = issue.apply(value);
                        issued.complete(null);
                        return stage.thenApply(done -> (Object) done);
                    } catch (RuntimeException e) {
                        issued.completeExceptionally(e);
                        throw e;
                    }
                });
        result.whenComplete((value, error) -> {
            if (error != null) {
                issued.completeExceptionally(error);
            }
            tails.remove(key, issued);
        });
        return result;
    }

    int pendingKeys() {
        return tails.size();
    }
}
