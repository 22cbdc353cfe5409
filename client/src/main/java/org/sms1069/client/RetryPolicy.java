package org.sms1069.client;

import java.time.Duration;

/**
 * When a request is tried again: on 429 and 503 after the answer's {@code Retry-After} (or {@code backoff},
 * doubling, without one), and after a connection failure when repeating the request is safe (a GET, or a send
 * under its Idempotency-Key). A {@code Retry-After} longer than {@code maxRetryAfter} is not waited for: the
 * {@link ApiProblem} is thrown with it, so the caller decides (a verification code's per-minute limit, for one).
 *
 * @param maxAttempts   attempts in all, at least 1
 * @param maxRetryAfter the longest wait the client sleeps through by itself
 * @param backoff       the first wait when the api named none; doubled each attempt
 */
public record RetryPolicy(int maxAttempts, Duration maxRetryAfter, Duration backoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMillis(500));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (maxRetryAfter.isNegative() || backoff.isNegative()) {
            throw new IllegalArgumentException("waits must not be negative");
        }
    }

    Duration backoff(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
    }
}
