package org.sms1069.api.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.messaging.boot.ServiceSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

@Validated
@ConfigurationProperties("sms")
public record ApiProperties(
        @NotBlank @Pattern(regexp = "\\d{5,20}") String number,
        @NotNull KafkaSettings kafka,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Security security,
        @Valid @NotNull @DefaultValue Limits limits,
        @Valid @NotNull @DefaultValue Idempotency idempotency,
        @Valid @NotNull @DefaultValue Reference reference,
        @Valid @NotNull @DefaultValue Receipts receipts) implements ServiceSettings {

    /** {@code commandTimeout}: a Redis command not answered within it fails (the request answers 503). */
    public record Redis(@NotBlank String uri, @DefaultValue("2s") Duration commandTimeout) implements ServiceSettings.Redis {
    }

    /**
     * @param masterKey          base64 of 32 random bytes: encrypts API key secrets at rest
     * @param adminKeyId         the operator's key, with the admin role; it exists only in configuration
     * @param clockSkew          how far a request's timestamp may be from the server's clock
     * @param nonceMargin        a nonce is remembered 2 x clockSkew + this, longer than any timestamp stays acceptable
     * @param signatureV1Until   requests signed with version 1 of the scheme are refused from this instant on;
     *                           unset, version 1 stays accepted
     * @param previousAdminKeys  further admin keys still accepted, for rotating the admin key without an outage
     */
    public record Security(@NotBlank String masterKey,
                           @NotBlank String adminKeyId,
                           @NotBlank String adminKeySecret,
                           @DefaultValue("300s") Duration clockSkew,
                           @DefaultValue("60s") Duration nonceMargin,
                           Instant signatureV1Until,
                           @Valid @DefaultValue List<AdminKey> previousAdminKeys) {

        /** How long a nonce is remembered: a request may be {@code clockSkew} early or late, plus the margin. */
        public Duration nonceLifetime() {
            return clockSkew.multipliedBy(2).plus(nonceMargin);
        }

        @Override
        public String toString() {
            return "Security[adminKeyId=" + adminKeyId + ", clockSkew=" + clockSkew + ", signatureV1Until="
                    + signatureV1Until + ", previousAdminKeys=" + previousAdminKeys + "]";
        }
    }

    public record AdminKey(@NotBlank String keyId, @NotBlank String secret) {
        @Override
        public String toString() {
            return keyId;
        }
    }

    /**
     * @param maxBody         requests with a larger body are refused before they are read
     * @param maxPhones       recipients per send
     * @param maxTextLength   characters including the signature
     * @param defaultValidity how long an accepted message may wait to be submitted
     */
    public record Limits(@DefaultValue("256KB") DataSize maxBody,
                        @DefaultValue("1000") @Min(1) @Max(10_000) int maxPhones,
                        @DefaultValue("500") @Min(70) int maxTextLength,
                        @DefaultValue("24h") Duration defaultValidity) {
    }

    /**
     * @param pendingLease how long an {@code Idempotency-Key} stays taken by a request that stopped
     *                     renewing it (its connection dropped, its instance crashed); a running
     *                     request renews it every third of the lease
     */
    public record Idempotency(@DefaultValue("30s") Duration pendingLease) {
    }

    /**
     * The cache of reference data (keys, apps, signatures, templates, unsubscribes) and its change channel.
     *
     * @param heartbeat  how often the channel notifies itself, to prove it is live
     * @param staleAfter without any notification for this long the cache is bypassed (a revoked key
     *                   stops working within this time even if its notification was lost)
     * @param maxAge     the longest any entry is kept, notifications or not
     */
    public record Reference(@DefaultValue("500ms") Duration heartbeat,
                            @DefaultValue("1500ms") Duration staleAfter,
                            @DefaultValue("10m") Duration maxAge) {
    }

    /**
     * @param orphanGrace how long a receipt the gateway matched to no submit waits before the status store is searched
     *                    for its part: long enough for the usual case (the receipt overtook its submit's response,
     *                    and the gateway matches it a moment later) to have settled the part
     */
    public record Receipts(@DefaultValue("10s") Duration orphanGrace) {
    }
}
