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
 * becomes one multi-key command (or one script) per poll. The batch operation's answers are matched to the calls by
 * position. A batch starts either
 * <ul>
 * <li>{@code linger} after its first call, or at once when it holds {@code maxItems} (the constructor): for calls
 * that come in bursts, such as the records of one poll; or</li>
 * <li>at once while fewer than {@code maxInFlight} batches are running, and otherwise as soon as one of them ends,
 * with every call that came meanwhile ({@link #whileBusy}): group commit, for calls that come one by one from
 * concurrent requests. A lone call waits for nothing, and under load the batches grow by themselves.</li>
 * </ul>
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
    /** 0 when batches start on linger. */
    private final int maxInFlight;
    private List<Call<I, O>> pending = new ArrayList<>();
    private boolean scheduled;
    private int inFlight;

    public Coalescer(Batch<I, O> batch, int maxItems, Duration linger) {
        this(batch, maxItems, linger, 0);
    }

    private Coalescer(Batch<I, O> batch, int maxItems, Duration linger, int maxInFlight) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive");
        }
        this.batch = batch;
        this.maxItems = maxItems;
        this.lingerMicros = Math.max(0, linger.toNanos() / 1000);
        this.maxInFlight = maxInFlight;
    }

    /** Group commit: a batch starts at once unless {@code maxInFlight} are running, and then when one ends. */
    public static <I, O> Coalescer<I, O> whileBusy(Batch<I, O> batch, int maxItems, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
        return new Coalescer<>(batch, maxItems, Duration.ZERO, maxInFlight);
    }

    public CompletableFuture<O> submit(I item) {
        Call<I, O> call = new Call<>(item, new CompletableFuture<>());
        List<Call<I, O>> due = null;
        synchronized (this) {
            pending.add(call);
            if (maxInFlight > 0) {
                due = nextWhileBusy();
            } else if (pending.size() >= maxItems) {
                due = pending;
                pending = new ArrayList<>();
            } else if (!scheduled) {
                scheduled = true;
                FLUSHER.schedule(this::flushDue, lingerMicros, TimeUnit.MICROSECONDS);
            }
        }
        if (due != null) {
            run(due);
        }
        return call.answer();
    }

    /** The next batch when one may start now, else null; called holding the lock. */
    private List<Call<I, O>> nextWhileBusy() {
        if (inFlight >= maxInFlight || pending.isEmpty()) {
            return null;
        }
        inFlight++;
        if (pending.size() <= maxItems) {
            List<Call<I, O>> due = pending;
            pending = new ArrayList<>();
            return due;
        }
        List<Call<I, O>> head = pending.subList(0, maxItems);
        List<Call<I, O>> due = new ArrayList<>(head);
        head.clear();
        return due;
    }

    private void ended() {
        List<Call<I, O>> due;
        synchronized (this) {
            inFlight--;
            due = nextWhileBusy();
        }
        if (due != null) {
            run(due);
        }
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
            answers = CompletableFuture.failedFuture(e);
        }
        answers.whenComplete((results, error) -> {
            if (maxInFlight > 0) {
                ended(); // the next batch is on its way before these callers go on
            }
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
