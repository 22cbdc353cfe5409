package org.sms1069.gateway.codec;

/** A command id this codec does not model; the body is kept so it can be logged as hex or forwarded. */
public record UnknownPdu<S>(long commandId, S sequence, Octets body) implements DecodeFailure<S> {
}
