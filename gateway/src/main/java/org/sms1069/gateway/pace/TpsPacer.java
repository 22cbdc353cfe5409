package org.sms1069.gateway.pace;

import java.util.concurrent.TimeUnit;

/**
 * Spaces submits evenly to a link's contracted rate (submits per second). Callers reserve a slot and
 * are told how long to wait for it: an event loop schedules, a worker thread may sleep. Carriers
 * count per second, so bursts are not allowed to run ahead of the rate. Gateway instances that share a link
 * share its rate too, in proportion to the connection slots each holds ({@link #share}).
 */
public final class TpsPacer {
    private final long fullIntervalNanos;
    private long intervalNanos;
    private long nextSlot;

    public TpsPacer(int tps) {
        if (tps <= 0) {
            throw new IllegalArgumentException("tps must be positive");
        }
        this.fullIntervalNanos = TimeUnit.SECONDS.toNanos(1) / tps;
        this.intervalNanos = fullIntervalNanos;
        this.nextSlot = System.nanoTime();
    }

    /** Paces to {@code slots / of} of the rate: the part of the link's connections this instance runs (none: full). */
    public synchronized void share(int slots, int of) {
        intervalNanos = slots <= 0 || slots >= of ? fullIntervalNanos : fullIntervalNanos * of / slots;
    }

    /** Reserves the next slot and answers how many nanoseconds from now it starts (0 = at once). */
    public synchronized long reserve() {
        long now = System.nanoTime();
        long slot = Math.max(nextSlot, now);
        nextSlot = slot + intervalNanos;
        return slot - now;
    }

    /** Reserves a slot and sleeps until it starts; for worker threads only, never an event loop. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
