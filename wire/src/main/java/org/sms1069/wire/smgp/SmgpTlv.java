package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.Octets;

/** One optional parameter: Tag uint16, Length uint16, Value. Tags are in {@link SmgpTlvTags}. */
public record SmgpTlv(int tag, Octets value) {

    public SmgpTlv {
        if (tag < 0 || tag > 0xFFFF || value.length() > 0xFFFF) {
            throw new IllegalArgumentException("TLV tag or length out of range: tag " + tag);
        }
    }

    public int encodedLength() {
        return 4 + value.length();
    }
}
