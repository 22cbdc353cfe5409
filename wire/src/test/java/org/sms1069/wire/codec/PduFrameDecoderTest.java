package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PduFrameDecoderTest {

    private static final byte[] TWO_FRAMES = HexFormat.of().parseHex(
            "0000000c0000000800000001" + "0000000d800000080000000100");

    @Test
    void splitsCoalescedAndFragmentedFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new PduFrameDecoder(64, 12));
        channel.writeInbound(Unpooled.wrappedBuffer(TWO_FRAMES, 0, 5));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(TWO_FRAMES, 5, TWO_FRAMES.length - 5));
        assertThat(hex(channel.readInbound())).isEqualTo("0000000c0000000800000001");
        assertThat(hex(channel.readInbound())).isEqualTo("0000000d800000080000000100");
        assertFalse(channel.finish());
    }

    @Test
    void lengthAboveTheMaximumFailsFastAndDiscardsTheRest() {
        EmbeddedChannel channel = new EmbeddedChannel(new PduFrameDecoder(64, 12));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("ffffffff00"))))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(channel.isActive()).isFalse();
        assertFalse(channel.finish());
    }

    @Test
    void rejectsAMaximumBelowTheHeader() {
        assertThatThrownBy(() -> new PduFrameDecoder(10, 12)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(ByteBuf frame) {
        try {
            return ByteBufUtil.hexDump(frame);
        } finally {
            frame.release();
        }
    }
}
