package org.sms1069.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.messaging.boot.ServiceSettings;
import org.sms1069.model.link.LinkSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * @param receiptTtl      how long a submitted part waits for its receipt (the correlation's TTL)
 * @param settledTtl      how long, at least, a settled part is remembered (its claim's done marker: a record handed over
 *                        again, by a rewound consumer or the router writing the part again, is not submitted again);
 *                        it must be longer than a record can take to be handed over again (consumers give up after
 *                        15 min)
 * @param receiptRepeatTtl how long, at least, a part whose receipt came is kept for the carrier's repeats of the
 *                        receipt (a carrier repeats a receipt whose answer it missed within minutes); a later repeat
 *                        matches nothing and is parked as an unmatched receipt
 * @param responseTimeout how long a submit waits for the carrier's answer before it counts as failed
 * @param moAssemblyWait  how long the parts of a long MO are waited for; after it the app gets the parts that came
 * @param flowControlPause how long a link reports THROTTLED after the carrier's last flow-control answer, so
 *                        that the router sends to the carrier's other links meanwhile
 * @param claimLease      how long a gateway instance's claim on a part lives unless renewed (at a third of it, while
 *                        the submit waits for its answer): after a crash another instance submits the part after it
 * @param linkDownGrace   how long a link without a connection counts as reconnecting rather than down in the
 *                        gateway's health, from the moment it lost its last connection (or started)
 * @param slotLease       how long a gateway instance's lease on a link's connection slot lives unless renewed (at a
 *                        third of it): the instances together never open more connections than a link's
 *                        {@code connections}, and a crashed instance's slots go to the others after it
 * @param retry           back-off of transient submit failures sent to {@code sms.retry}
 * @param reconnect       back-off between connection attempts of a link
 */
@Validated
@ConfigurationProperties("sms")
public record GatewayProperties(
        @NotBlank String number,
        @NotEmpty List<LinkSettings> links,
        @NotNull KafkaSettings kafka,
        @Valid @NotNull Redis redis,
        @DefaultValue("72h") Duration receiptTtl,
        @DefaultValue("1h") Duration settledTtl,
        @DefaultValue("15m") Duration receiptRepeatTtl,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("2s") Duration flowControlPause,
        @DefaultValue("60s") Duration moAssemblyWait,
        @DefaultValue("30s") Duration claimLease,
        @DefaultValue("60s") Duration linkDownGrace,
        @DefaultValue("15s") Duration slotLease,
        @Valid @NotNull @DefaultValue Backoff retry,
        @Valid @NotNull @DefaultValue Backoff reconnect) implements ServiceSettings {

    public GatewayProperties {
        if (claimLease == null || claimLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sms.claim-lease must be at least 1s (it is renewed at a third of it), was " + claimLease);
        }
        if (settledTtl == null || settledTtl.compareTo(claimLease) < 0 || settledTtl.compareTo(receiptTtl) > 0) {
            throw new IllegalArgumentException("sms.settled-ttl must be between sms.claim-lease and sms.receipt-ttl, was "
                    + settledTtl);
        }
        if (slotLease == null || slotLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sms.slot-lease must be at least 1s (it is renewed at a third of it), was " + slotLease);
        }
        if (receiptRepeatTtl == null || receiptRepeatTtl.compareTo(Duration.ofMinutes(1)) < 0
                || receiptRepeatTtl.compareTo(receiptTtl) > 0) {
            throw new IllegalArgumentException("sms.receipt-repeat-ttl must be between 1m and sms.receipt-ttl, was "
                    + receiptRepeatTtl);
        }
        if (linkDownGrace == null || linkDownGrace.isNegative()) {
            throw new IllegalArgumentException("sms.link-down-grace must not be negative, was " + linkDownGrace);
        }
    }

    public record Redis(@NotBlank String uri) implements ServiceSettings.Redis {
    }

    public record Backoff(@DefaultValue("1s") Duration initial, @DefaultValue("1m") Duration max) {
        public org.sms1069.model.retry.Backoff policy() {
            return new org.sms1069.model.retry.Backoff(initial, max);
        }
    }
}
