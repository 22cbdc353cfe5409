package org.sms1069.carriersim.receipt;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs receipt jobs after a delay, up to {@code threads} at once, and retries them the way an SMSC stores and forwards reports:
 * while no receiver is bound or the peer refuses, the job is tried again every
 * {@code retryInterval} until {@code maxHold} has passed since it was scheduled.
 */
public final class ReceiptScheduler implements AutoCloseable {
    /**
     * Reports in flight at once, one per thread (a job waits for the SP's answer): a carrier's gateway sends reports
     * within the protocol's window as it does submits (CMPP's is 16), not one or two at a time. An SP that answers a
     * report only once it is durable (tens of milliseconds) would otherwise be held to a few hundred reports per second
     * by the simulator, not by itself.
     */
    public static final int REPORT_WINDOW = 16;

    private static final Logger log = LoggerFactory.getLogger(ReceiptScheduler.class);

    private final Duration retryInterval;
    private final Duration maxHold;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong abandoned = new AtomicLong();

    public ReceiptScheduler(String name, int threads, Duration retryInterval, Duration maxHold) {
        this.retryInterval = requirePositive(retryInterval, "retryInterval");
        this.maxHold = requirePositive(maxHold, "maxHold");
        AtomicInteger threadCount = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-receipts-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public void schedule(ReceiptJob job, Duration delay) {
        Objects.requireNonNull(job, "job");
        if (closed.get()) {
            abandon(job);
            return;
        }
        pending.incrementAndGet();
        Instant deadline = Instant.now().plus(delay).plus(maxHold);
        submit(job, delay, deadline);
    }

    /** Jobs scheduled and not yet delivered or abandoned. */
    public int pending() {
        return pending.get();
    }

    public long abandoned() {
        return abandoned.get();
    }

    private void submit(ReceiptJob job, Duration delay, Instant deadline) {
        try {
            executor.schedule(() -> attempt(job, deadline), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finishAbandoned(job);
        }
    }

    private void attempt(ReceiptJob job, Instant deadline) {
        if (closed.get()) {
            finishAbandoned(job);
            return;
        }
        boolean delivered;
        try {
            delivered = job.tryDeliver();
        } catch (RuntimeException e) {
            log.warn("Receipt attempt failed, will retry: {}", e.toString());
            delivered = false;
        }
        if (delivered) {
            pending.decrementAndGet();
        } else if (Instant.now().isAfter(deadline)) {
            log.warn("Receipt held longer than {} without a receiver, dropping it", maxHold);
            finishAbandoned(job);
        } else {
            submit(job, retryInterval, deadline);
        }
    }

    private void finishAbandoned(ReceiptJob job) {
        pending.decrementAndGet();
        abandon(job);
    }

    private void abandon(ReceiptJob job) {
        abandoned.incrementAndGet();
        try {
            job.abandon();
        } catch (RuntimeException e) {
            log.warn("Abandoning a receipt failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Receipt threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
