package org.sms1069.carriersim.netty;

import io.netty.channel.Channel;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The requests a simulator sent to the SP (DELIVER, REPORT) that wait for their answer, by sequence. An answer
 * completes its waiter with the SP's result code; a lost connection fails them all.
 *
 * @param <K> the protocol's sequence type
 */
public final class AnswerWaiters<K> {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final Map<K, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

    /** Registers before writing, so that the answer cannot overtake the registration. */
    public CompletableFuture<Long> send(Channel channel, K sequence, Object request) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        waiting.put(sequence, result);
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                waiting.remove(sequence);
                result.completeExceptionally(written.cause());
            }
        });
        return result;
    }

    public void complete(K sequence, long result) {
        CompletableFuture<Long> waiter = waiting.remove(sequence);
        if (waiter != null) {
            waiter.complete(result);
        }
    }

    /** The SP's answer to a request, within 5 s; a missing answer is an {@link IllegalStateException}. */
    public static long await(CompletableFuture<Long> answer) {
        try {
            return answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer from the SP: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    public void failAll() {
        waiting.values().forEach(waiter -> waiter.completeExceptionally(new IllegalStateException("connection closed")));
        waiting.clear();
    }
}
