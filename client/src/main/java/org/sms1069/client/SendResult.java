package org.sms1069.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The answer to a send (202): one message per phone that was queued; every other phone in {@code rejected}
 * as the app wrote it, with a stable code (INVALID_PHONE, DUPLICATE_PHONE, UNSUBSCRIBED, RATE_LIMITED, NOT_QUEUED).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendResult(List<Accepted> messages, List<Rejected> rejected) {

    public SendResult {
        messages = messages == null ? List.of() : messages;
        rejected = rejected == null ? List.of() : rejected;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Accepted(String phone, String messageId, int segments, String carrier) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rejected(String phone, String code, String reason) {
    }
}
