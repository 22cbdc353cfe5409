package org.sms1069.carriersim.log;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The most recent accepted submits of one simulator (any protocol), in arrival order, for tests to inspect. Bounded so that a
 * long benchmark run does not exhaust the heap; the counters keep the full total.
 */
public final class SubmitLog<T> {
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final ArrayDeque<T> submits = new ArrayDeque<>();
    private long total;

    public SubmitLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(T submit) {
        if (submits.size() == capacity) {
            submits.removeFirst();
        }
        submits.addLast(submit);
        total++;
        notifyAll();
    }

    public synchronized List<T> snapshot() {
        return List.copyOf(submits);
    }

    public synchronized void clear() {
        submits.clear();
        total = 0;
    }

    /** Waits until {@code count} submits were logged since start or the last clear. */
    public synchronized List<T> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total < count) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new AssertionError("expected " + count + " submits within " + timeout + ", got " + total);
            }
            wait(remainingMillis);
        }
        return List.copyOf(submits);
    }

    /** {@link #await} for test code: an interrupt becomes an {@link IllegalStateException} (the flag stays set). */
    public List<T> awaitAtLeast(int count, Duration timeout) {
        try {
            return await(count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for submits", e);
        }
    }
}
