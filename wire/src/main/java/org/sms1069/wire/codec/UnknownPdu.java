package org.sms1069.wire.codec;

/**
 * A command id this codec does not model. The body is kept for forwarding or a deliberate hex dump, but
 * {@link #toString()} shows only its length: an unmodelled command (CMPP_FWD, say) may carry message text.
 */
public record UnknownPdu<S>(long commandId, S sequence, Octets body) implements DecodeFailure<S> {

    @Override
    public String toString() {
        return "UnknownPdu[commandId=" + CommandIds.hex(commandId) + ", sequence=" + sequence
                + ", bodyLength=" + body.length() + "]";
    }
}
