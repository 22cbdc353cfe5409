package org.sms1069.carriersim.smpp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The most recent accepted submits, in arrival order, for tests to inspect. Bounded so that a
 * long benchmark run does not exhaust the heap; the counters keep the full total.
 */
final class SubmitLog {
    static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final ArrayDeque<ReceivedSubmit> submits = new ArrayDeque<>();
    private long total;

    SubmitLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ReceivedSubmit submit) {
        if (submits.size() == capacity) {
            submits.removeFirst();
        }
        submits.addLast(submit);
        total++;
        notifyAll();
    }

    synchronized List<ReceivedSubmit> snapshot() {
        return List.copyOf(submits);
    }

    synchronized void clear() {
        submits.clear();
        total = 0;
    }

    /** Waits until {@code count} submits were logged since start or the last clear. */
    synchronized List<ReceivedSubmit> await(int count, Duration timeout) throws InterruptedException {
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
}
