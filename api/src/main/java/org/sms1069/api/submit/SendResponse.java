package org.sms1069.api.submit;

import org.sms1069.model.Carrier;

import java.util.List;

/**
 * Answer to a send: one id per phone whose message is queued; every other phone is listed in
 * {@code rejected} as the app sent it, with a stable code and the reason.
 */
public record SendResponse(List<Accepted> messages, List<Refused> rejected) {

    public record Accepted(String phone, String messageId, int segments, Carrier carrier) {
    }

    public record Refused(String phone, Code code, String reason) {
    }

    /** Why a phone got no message; apps may switch on it (only NOT_QUEUED and RATE_LIMITED are worth a retry). */
    public enum Code {
        INVALID_PHONE, DUPLICATE_PHONE, UNSUBSCRIBED, RATE_LIMITED,
        /** the message could not be queued (Kafka did not acknowledge it): nothing was sent to this phone */
        NOT_QUEUED
    }
}
