package org.sms1069.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Groups asynchronous calls made close together into one call of a batch operation: the records of one poll are
 * handed over within a millisecond, a carrier answers a window of submits in one read, so a Redis lookup per record
 * becomes one multi-key command (or one script) per poll. A batch runs {@code linger} after its first call, or at
 * once when it holds {@code maxItems}; the batch operation's answers are matched to the calls by position.
 *
 * @param <I> what one call asks
 * @param <O> what it gets back
 */
public final class Coalescer<I, O> {
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "coalescer-flush");
        thread.setDaemon(true);
        return thread;
    });

    /** Answers a batch: one answer per item, in the items' order. */
    @FunctionalInterface
    public interface Batch<I, O> {
        CompletionStage<List<O>> run(List<I> items);
    }

    private final Batch<I, O> batch;
    private final int maxItems;
    private final long lingerMicros;
    private List<Call<I, O>> pending = new ArrayList<>();
    private boolean scheduled;

    public Coalescer(Batch<I, O> batch, int maxItems, Duration linger) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive");
        }
        this.batch = batch;
        this.maxItems = maxItems;
        this.lingerMicros = Math.max(0, linger.toNanos() / 1000);
    }

    public CompletableFuture<O> submit(I item) {
        Call<I, O> call = new Call<>(item, new CompletableFuture<>());
        List<Call<I, O>> full = null;
        synchronized (this) {
            pending.add(call);
            if (pending.size() >= maxItems) {
                full = pending;
                pending = new ArrayList<>();
            } else if (!scheduled) {
                scheduled = true;
                FLUSHER.schedule(this::flushDue, lingerMicros, TimeUnit.MICROSECONDS);
            }
        }
        if (full != null) {
            run(full);
        }
        return call.answer();
    }

    private void flushDue() {
        List<Call<I, O>> due;
        synchronized (this) {
            scheduled = false;
            due = pending;
            pending = new ArrayList<>();
        }
        if (!due.isEmpty()) {
            run(due);
        }
    }

    private void run(List<Call<I, O>> calls) {
        CompletionStage<List<O>> answers;
        try {
            answers = batch.run(calls.stream().map(Call::item).toList());
        } catch (RuntimeException e) {
            calls.forEach(call -> call.answer().completeExceptionally(e));
            return;
        }
        answers.whenComplete((results, error) -> {
            if (error == null && results.size() != calls.size()) {
                error = new IllegalStateException("a batch of " + calls.size() + " got " + results.size() + " answers");
            }
            for (int i = 0; i < calls.size(); i++) {
                if (error != null) {
                    calls.get(i).answer().completeExceptionally(error);
                } else {
                    calls.get(i).answer().complete(results.get(i));
                }
            }
        });
    }

    private record Call<I, O>(I item, CompletableFuture<O> answer) {
    }
}
