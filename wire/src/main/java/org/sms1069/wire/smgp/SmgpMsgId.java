package org.sms1069.wire.smgp;

import io.netty.buffer.ByteBuf;
import org.sms1069.wire.codec.Bcd;
import org.sms1069.wire.codec.Octets;

/**
 * The 10-byte BCD MsgID (SMGW code 6 digits, MMDDHHMM, sequence 6 digits), kept unchanged end to end and shown
 * as its 20 digits, e.g. {@code 01006101161700012345}.
 */
public record SmgpMsgId(Octets bytes) {

    public static final int LENGTH = 10;

    public SmgpMsgId {
        if (bytes.length() != LENGTH) {
            throw new IllegalArgumentException("MsgID is " + LENGTH + " bytes, got " + bytes.length());
        }
    }

    /** Parses the 20-digit form (hex letters accepted in either case). */
    public static SmgpMsgId of(String digits) {
        return new SmgpMsgId(Bcd.fromDigits(digits, LENGTH));
    }

    public static SmgpMsgId read(ByteBuf in) {
        return new SmgpMsgId(Octets.read(in, LENGTH));
    }

    public void writeTo(ByteBuf out) {
        bytes.writeTo(out);
    }

    @Override
    public String toString() {
        return Bcd.toDigits(bytes);
    }
}
