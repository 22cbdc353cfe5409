package org.sms1069.router.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
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
        @Valid @NotNull Kafka kafka,
        @Valid @NotNull Redis redis,
        @DefaultValue Map<Carrier, Carrier> fallback,
        @Valid @NotNull @DefaultValue Retry retry) {

    public record Kafka(@NotBlank String bootstrapServers,
                        @DefaultValue("6") @Min(1) int partitions,
                        @DefaultValue("1") @Min(1) short replicationFactor) {
    }

    public record Redis(@NotBlank String uri) {
    }

    /** Retries of transient submit failures: exponential back-off with jitter, bounded. */
    public record Retry(@DefaultValue("5") @Min(1) int maxAttempts,
                        @DefaultValue("2s") Duration initialBackoff,
                        @DefaultValue("2m") Duration maxBackoff) {
    }
}
