package org.sms1069.wire.codec;

/** A known command whose body did not parse (truncated, counts out of range, bad report layout). */
public record MalformedPdu<S>(long commandId, S sequence, Exception cause) implements DecodeFailure<S> {
}
