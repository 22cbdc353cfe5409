package org.sms1069.api.callback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How callbacks are delivered.
 *
 * @param pollInterval      how often due callbacks are looked for
 * @param timeout           one POST, connect to last byte of the answer
 * @param initialBackoff    wait after the first failure; doubled after each further one (with jitter)
 * @param maxBackoff        the longest wait between two attempts
 * @param giveUpAfter       a callback not delivered this long after it was created is given up
 * @param batchSize         items per POST
 * @param maxConcurrentApps apps called back at the same time by one instance (each app one POST at a time)
 * @param lease             how long claimed callbacks stay invisible to other instances; after a crash they
 *                          are due again once it has passed, so it must exceed a few timeouts
 */
@Validated
@ConfigurationProperties("sms.callbacks")
public record CallbackProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("10s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("32") @Min(1) @Max(1000) int maxConcurrentApps,
        @DefaultValue("60s") Duration lease) {

    public CallbackProperties {
        if (pollInterval.toMillis() < 10 || timeout.toMillis() < 100 || initialBackoff.toMillis() < 10
                || maxBackoff.compareTo(initialBackoff) < 0 || giveUpAfter.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("sms.callbacks: need poll-interval >= 10ms, timeout >= 100ms, "
                    + "initial-backoff >= 10ms <= max-backoff, give-up-after >= initial-backoff");
        }
        if (lease.compareTo(timeout.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("sms.callbacks.lease must be at least 3 timeouts, got " + lease);
        }
    }
}
