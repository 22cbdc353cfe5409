package org.sms1069.api.submit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.sms1069.model.MessageType;

import java.time.Duration;
import java.util.List;

/**
 * Body of {@code POST /v1/messages}.
 *
 * @param text     the full text the phone shows, signature 【...】 included
 * @param validity how long the platform may keep trying (ISO-8601 duration, e.g. PT10M); default 24 h
 */
public record SendRequest(
        @NotEmpty(message = "must name at least one phone") List<@NotNull String> phones,
        @NotBlank String text,
        @NotNull(message = "must be VERIFICATION, NOTIFICATION, REMINDER or PUBLIC_WELFARE") MessageType type,
        @Size(max = 64) String clientRef,
        Duration validity) {
}
