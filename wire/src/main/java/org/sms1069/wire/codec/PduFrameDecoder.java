package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.nio.ByteOrder;

/**
 * Splits the stream into whole PDUs using the leading 4-byte total length that CMPP, SGIP and SMGP share.
 * <p>
 * A length below the protocol's header size or above {@code maxFrameLength} means the stream can no longer be
 * trusted: the decoder discards everything after it, fires the exception (a {@link DecoderException}) so the
 * session can log and count it, and closes the channel. Errors inside a well-framed PDU are not handled here;
 * the protocol decoders turn them into {@link MalformedPdu} results.
 */
public class PduFrameDecoder extends LengthFieldBasedFrameDecoder {

    /** Comfortably above the largest legal PDU (a 100-recipient CMPP 3.0 submit is about 3.5 KiB). */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 8192;

    private final int headerLength;
    private boolean corrupted;

    public PduFrameDecoder(int maxFrameLength, int headerLength) {
        super(maxFrameLength, 0, 4, -4, 0, true);
        if (maxFrameLength < headerLength) {
            throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " < header " + headerLength);
        }
        this.headerLength = headerLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (corrupted) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        try {
            return super.decode(ctx, in);
        } catch (DecoderException e) {
            corrupted = true;
            in.skipBytes(in.readableBytes());
            ctx.close();
            throw e;
        }
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long frameLength = buf.getUnsignedInt(offset);
        if (frameLength < headerLength) {
            throw new CorruptedFrameException("PDU length " + frameLength + " is below the header length " + headerLength);
        }
        return frameLength;
    }
}
