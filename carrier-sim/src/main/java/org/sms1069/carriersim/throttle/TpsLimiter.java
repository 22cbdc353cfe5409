package org.sms1069.carriersim.throttle;

import java.util.function.LongSupplier;

/**
 * Token bucket that admits at most {@code tps} requests per second, with a burst of one
 * second's worth, the way carriers enforce a link's contracted rate. {@code tps = 0} admits all.
 */
public final class TpsLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int tps;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefillNanos;

    public TpsLimiter(int tps) {
        this(tps, System::nanoTime);
    }

    TpsLimiter(int tps, LongSupplier nanoClock) {
        if (tps < 0) {
            throw new IllegalArgumentException("tps must be >= 0, was " + tps);
        }
        this.tps = tps;
        this.nanoClock = nanoClock;
        this.tokens = tps;
        this.lastRefillNanos = nanoClock.getAsLong();
    }

    public int tps() {
        return tps;
    }

    public synchronized boolean tryAcquire() {
        if (tps == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        double refill = (now - lastRefillNanos) * (double) tps / NANOS_PER_SECOND;
        tokens = Math.min(tps, tokens + refill);
        lastRefillNanos = now;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
