package org.sms1069.api.complaints;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code sms.complaints.*}: how complaints are matched to messages and when they suspend a sender.
 *
 * @param matchWindow       a complaint is attributed to a message sent to the phone at most this long before it
 * @param rateWindow        the sliding window of the complaint rate (complaints and messages sent in it)
 * @param suspendPerMillion an app or signature is suspended when its rate reaches this many complaints per million
 *                          messages sent in the window ...
 * @param minComplaints     ... and it has at least this many complaints in the window (a first complaint against a
 *                          small sender is a rate of thousands per million, not yet a pattern)
 * @param metricsInterval   how often each instance recomputes the rate gauges
 */
@Validated
@ConfigurationProperties("sms.complaints")
public record ComplaintProperties(
        @DefaultValue("72h") Duration matchWindow,
        @DefaultValue("24h") Duration rateWindow,
        @DefaultValue("100") @Min(1) double suspendPerMillion,
        @DefaultValue("3") @Min(1) int minComplaints,
        @DefaultValue("60s") Duration metricsInterval) {

    public ComplaintProperties {
        if (matchWindow == null || matchWindow.isNegative() || matchWindow.isZero()) {
            throw new IllegalArgumentException("sms.complaints.match-window must be positive, was " + matchWindow);
        }
        if (rateWindow == null || rateWindow.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("sms.complaints.rate-window must be at least 1m, was " + rateWindow);
        }
        if (metricsInterval == null || metricsInterval.toMillis() < 100) {
            throw new IllegalArgumentException("sms.complaints.metrics-interval must be at least 100ms, was " + metricsInterval);
        }
    }
}
