package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;

/** Base of the encoders for the 12-byte length/command/sequence header of CMPP and SMGP. */
public abstract class SequenceIdEncoder<P extends SequenceIdPdu> extends PduEncoder<P> {

    protected SequenceIdEncoder(Class<P> type) {
        super(type, SequenceIdPdu.HEADER_LENGTH);
    }

    @Override
    protected final void writeSequence(P pdu, ByteBuf out) {
        out.writeInt((int) pdu.sequenceId());
    }
}
