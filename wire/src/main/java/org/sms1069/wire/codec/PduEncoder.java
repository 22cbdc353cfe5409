package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a PDU into one buffer of exactly its size: the subclass computes the body length first, then writes
 * header and body. A field that does not fit its width fails the write (an {@code EncoderException} on the
 * write's promise) instead of being truncated.
 */
public abstract class PduEncoder<P extends Pdu> extends MessageToByteEncoder<P> {

    private final int headerLength;

    protected PduEncoder(Class<? extends P> type, int headerLength) {
        super(type);
        this.headerLength = headerLength;
    }

    @Override
    protected final ByteBuf allocateBuffer(ChannelHandlerContext ctx, P pdu, boolean preferDirect) {
        int size = headerLength + bodyLength(pdu);
        return preferDirect ? ctx.alloc().ioBuffer(size, size) : ctx.alloc().heapBuffer(size, size);
    }

    @Override
    protected final void encode(ChannelHandlerContext ctx, P pdu, ByteBuf out) {
        encodeTo(pdu, out);
    }

    /** Encodes without a pipeline (tests, benchmarks, the carrier simulator). */
    public final void encodeTo(P pdu, ByteBuf out) {
        int start = out.writerIndex();
        int total = headerLength + bodyLength(pdu);
        out.writeInt(total);
        out.writeInt((int) pdu.commandId());
        writeSequence(pdu, out);
        writeBody(pdu, out);
        if (out.writerIndex() - start != total) {
            throw new IllegalStateException(pdu.getClass().getSimpleName() + " wrote "
                    + (out.writerIndex() - start) + " bytes, computed " + total);
        }
    }

    protected abstract void writeSequence(P pdu, ByteBuf out);

    protected abstract int bodyLength(P pdu);

    protected abstract void writeBody(P pdu, ByteBuf out);
}
