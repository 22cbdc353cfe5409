package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** EmbeddedChannel helpers shared by the protocol codec tests. */
public final class CodecChannels {

    private CodecChannels() {
    }

    /** Writes {@code pdu} outbound and returns the single frame it produced. */
    public static byte[] encode(EmbeddedChannel channel, Object pdu) {
        assertThat(channel.writeOutbound(pdu)).isTrue();
        ByteBuf buf = channel.readOutbound();
        try {
            assertThat((Object) channel.readOutbound()).isNull();
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Feeds {@code bytes} in one piece and returns the single message decoded. */
    public static Object decode(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        Object message = channel.readInbound();
        assertThat(message).as("decoded message").isNotNull();
        assertThat((Object) channel.readInbound()).isNull();
        return message;
    }

    /** Feeds {@code bytes} one byte at a time and returns everything decoded. */
    public static List<Object> decodeByteByByte(EmbeddedChannel channel, byte[] bytes) {
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        return drainInbound(channel);
    }

    public static List<Object> drainInbound(EmbeddedChannel channel) {
        List<Object> messages = new ArrayList<>();
        for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
            messages.add(m);
        }
        return messages;
    }

    /**
     * Flips every bit pattern of every byte of a valid frame in turn. Outside the length field, each corruption
     * must come out as exactly one message of an expected type, never an exception. In the length field it may
     * also end in a framing error (channel closed) or in waiting for more bytes.
     */
    public static void assertSurvivesCorruption(Supplier<EmbeddedChannel> channels, byte[] frame,
                                                Class<?> pduType) {
        for (int i = 0; i < frame.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] corrupted = frame.clone();
                corrupted[i] ^= (byte) mask;
                EmbeddedChannel channel = channels.get();
                try {
                    channel.writeInbound(Unpooled.wrappedBuffer(corrupted));
                } catch (DecoderException e) {
                    assertThat(i).as("framing error only from the length field").isLessThan(4);
                    assertThat(channel.isActive()).isFalse();
                    continue;
                }
                List<Object> messages = drainInbound(channel);
                if (i >= 4) {
                    assertThat(messages).as("byte %d ^ %02x", i, mask).hasSize(1);
                }
                for (Object message : messages) {
                    assertThat(message).as("byte %d ^ %02x", i, mask)
                            .satisfiesAnyOf(m -> assertThat(m).isInstanceOf(pduType),
                                    m -> assertThat(m).isInstanceOf(DecodeFailure.class));
                }
                channel.finishAndReleaseAll();
            }
        }
    }

    /**
     * The golden test of one PDU: it encodes to exactly {@code expected}, and {@code expected} decodes back to it,
     * fed whole and fed one byte at a time.
     */
    public static void assertGolden(Supplier<EmbeddedChannel> channels, Object pdu, byte[] expected) {
        EmbeddedChannel channel = channels.get();
        assertThat(HexFormat.of().formatHex(encode(channel, pdu))).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(decode(channel, expected)).isEqualTo(pdu);
        assertThat(decodeByteByByte(channel, expected)).containsExactly(pdu);
        assertFinished(channel);
    }

    /** Closes the channel and checks that nothing was left over. */
    public static void assertFinished(EmbeddedChannel channel) {
        assertFalse(channel.finish());
    }
}
