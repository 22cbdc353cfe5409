package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Decodes one whole frame (from {@link PduFrameDecoder}) into a PDU record, a {@link MalformedPdu} or an
 * {@link UnknownPdu}. Never throws for a bad body: the error travels downstream in-band with the command id and
 * sequence, so the session can answer it.
 *
 * @param <S> sequence type of the protocol
 */
public abstract class PduDecoder<S> extends MessageToMessageDecoder<ByteBuf> {

    private final int headerLength;

    protected PduDecoder(int headerLength) {
        super(ByteBuf.class);
        this.headerLength = headerLength;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(decodeFrame(frame));
    }

    /** Decodes a whole frame; public so that benchmarks and tools can use it without a pipeline. */
    public final Object decodeFrame(ByteBuf frame) {
        if (frame.readableBytes() < headerLength) {
            // only reachable without PduFrameDecoder in front; nothing to answer
            return new MalformedPdu<S>(0, null, new IllegalArgumentException(
                    "frame of " + frame.readableBytes() + " bytes is shorter than the header"));
        }
        frame.skipBytes(4); // total length, already checked by the frame decoder
        long commandId = frame.readUnsignedInt();
        S sequence = readSequence(frame);
        try {
            Object pdu = decodeBody(commandId, sequence, frame);
            if (pdu == null) {
                return new UnknownPdu<>(commandId, sequence, Octets.read(frame, frame.readableBytes()));
            }
            // Liberal: trailing bytes after the last field are ignored.
            frame.skipBytes(frame.readableBytes());
            return pdu;
        } catch (RuntimeException e) {
            frame.skipBytes(frame.readableBytes());
            return new MalformedPdu<>(commandId, sequence, e);
        }
    }

    protected abstract S readSequence(ByteBuf frame);

    /** Returns the PDU, or {@code null} when the command id is not one this protocol models. */
    protected abstract Object decodeBody(long commandId, S sequence, ByteBuf body);
}
