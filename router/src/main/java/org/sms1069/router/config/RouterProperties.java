package org.sms1069.router.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.messaging.boot.ServiceSettings;
import org.sms1069.model.Carrier;
import org.sms1069.model.link.LinkSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * @param fallback carriers without a link of their own and whose traffic another carrier's links take
 *                 (China Broadnet 192 numbers, typically through China Mobile)
 */
@Validated
@ConfigurationProperties("sms")
public record RouterProperties(
        @NotBlank String number,
        @NotEmpty List<LinkSettings> links,
        @NotNull KafkaSettings kafka,
        @Valid @NotNull Redis redis,
        @DefaultValue Map<Carrier, Carrier> fallback,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Routing router) implements ServiceSettings {

    public record Redis(@NotBlank String uri) implements ServiceSettings.Redis {
    }

    /** Retries of transient submit failures: exponential back-off with jitter, bounded. */
    public record Retry(@DefaultValue("5") @Min(1) int maxAttempts,
                        @DefaultValue("2s") Duration initialBackoff,
                        @DefaultValue("2m") Duration maxBackoff) {
    }

    /**
     * @param adminToken         the value of header {@code X-Router-Admin-Token} that the admin endpoints
     *                           require; blank (the default) keeps them closed
     * @param previousAdminTokens further tokens still accepted, for a rotation without an outage: put the
     *                           old token here and the new one in {@code adminToken}, switch the callers,
     *                           then remove the old one
     * @param batchWindow        how long a message may wait for others with identical content to share
     *                           its submit (multi-destination protocols only); 0 turns batching off
     * @param batchMaxRecipients recipients per batched submit (at most 100; each link caps it further by its options.max-recipients, 99 on CMPP)
     * @param linkRecheck        how often a message held for a carrier without a healthy link looks again
     * @param linkMaxWait        after this it goes to its configured link anyway, whose gateway retries it
     * @param messageTtl         how long a message may get a portability receipt (the receipt timeout): how long
     *                           its re-route is remembered and a long message keeps its UDH reference (the message
     *                           itself is read back from {@code sms.submit}, whose retention must be longer)
     * @param notSubscriberStats receipt stats that, from the carrier of the number's segment, mean the
     *                           number is not (any more) its subscriber, i.e. ported out
     */
    public record Routing(String adminToken,
                          @DefaultValue List<String> previousAdminTokens,
                          @DefaultValue("20ms") Duration batchWindow,
                          @DefaultValue("100") @Min(1) @Max(100) int batchMaxRecipients,
                          @DefaultValue("5s") Duration linkRecheck,
                          @DefaultValue("5m") Duration linkMaxWait,
                          @DefaultValue("72h") Duration messageTtl,
                          @DefaultValue("MK:0001") List<String> notSubscriberStats) {
    }
}
