package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;

/** Base of the decoders for the 12-byte length/command/sequence header of CMPP and SMGP. */
public abstract class SequenceIdDecoder extends PduDecoder<Long> {

    protected SequenceIdDecoder() {
        super(SequenceIdPdu.HEADER_LENGTH);
    }

    /** The frame decoder to put in front of this decoder. */
    public static PduFrameDecoder frameDecoder(int maxFrameLength) {
        return new PduFrameDecoder(maxFrameLength, SequenceIdPdu.HEADER_LENGTH);
    }

    @Override
    protected final Long readSequence(ByteBuf frame) {
        return frame.readUnsignedInt();
    }
}
