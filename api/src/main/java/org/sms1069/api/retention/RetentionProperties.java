package org.sms1069.api.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code sms.retention.*}: how long messages (with their timelines), replies (MO) and callbacks (with their attempts)
 * are kept in PostgreSQL.
 *
 * @param period    rows older than this are deleted (messages by accepted time, replies by received time, callbacks
 *                  and attempts by creation time)
 * @param interval  how often the purge runs (the first run comes one interval after start)
 * @param batchSize rows deleted per statement, so that no statement holds many locks or runs long
 */
@Validated
@ConfigurationProperties("sms.retention")
public record RetentionProperties(
        @DefaultValue("180d") Duration period,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize) {

    public RetentionProperties {
        if (period == null || period.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("sms.retention.period must be at least 1d, was " + period);
        }
        if (interval == null || interval.toMillis() < 100) {
            throw new IllegalArgumentException("sms.retention.interval must be at least 100ms, was " + interval);
        }
    }
}
