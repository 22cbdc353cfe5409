package org.sms1069.model.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: attempt n waits a random time in [base/2, base] where
 * base = initial * 2^(n-1), capped at max. Jitter keeps many clients from retrying in step.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max");
        }
    }

    /** The wait before the given attempt (1 = the first retry). */
    public Duration delay(int attempt) {
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(base, max.toMillis());
        long low = capped / 2;
        return Duration.ofMillis(low + ThreadLocalRandom.current().nextLong(capped - low + 1));
    }
}
