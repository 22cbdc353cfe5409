package org.sms1069.gateway.codec;

/** What a submit response's result code means for the message. */
public enum SubmitOutcome {
    /** Accepted by the gateway. */
    SUCCESS,
    /** Transient: flow control, busy, or a link-level problem. Retry later, ideally on a slower pace. */
    RETRYABLE,
    /** The message itself was rejected; retrying the same content will fail again. */
    PERMANENT
}
