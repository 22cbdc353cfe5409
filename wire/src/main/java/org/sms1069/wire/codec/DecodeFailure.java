package org.sms1069.wire.codec;

/**
 * A well-framed PDU that could not be turned into a message. The stream is still in sync, so the session
 * can answer the request with an error for this sequence and carry on.
 *
 * @param <S> the protocol's sequence type ({@code Long} for CMPP and SMGP, the SGIP triple for SGIP)
 */
public sealed interface DecodeFailure<S> permits MalformedPdu, UnknownPdu {

    long commandId();

    S sequence();

    default boolean isResponse() {
        return CommandIds.isResponse(commandId());
    }
}
