package org.sms1069.wire.codec;

/** What a submit response's result code means for the message. */
public enum SubmitOutcome {
    /** Accepted by the gateway. */
    SUCCESS,
    /** Transient: busy, or a link-level problem. Retry later. */
    RETRYABLE,
    /** The carrier's flow control: retry later, and send elsewhere for a while (the link reports THROTTLED). */
    THROTTLED,
    /** The message itself was rejected; retrying the same content will fail again. */
    PERMANENT
}
