package org.sms1069.api.verification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxAttempts wrong answers after which a code is burnt; the check that reaches it answers
 *                    TOO_MANY_ATTEMPTS, later checks EXPIRED
 */
@Validated
@ConfigurationProperties("sms.verification")
public record VerificationProperties(@DefaultValue("5") @Min(1) @Max(20) int maxAttempts) {
}
