package org.sms1069.wire.cmpp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.CodecChannels;
import org.sms1069.wire.codec.MalformedPdu;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.PduFrameDecoder;
import org.sms1069.wire.codec.UnknownPdu;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sms1069.wire.cmpp.CmppFixtures.channel;
import static org.sms1069.wire.codec.CodecChannels.assertFinished;
import static org.sms1069.wire.codec.CodecChannels.decode;
import static org.sms1069.wire.codec.WireBytes.wire;

class CmppDecoderRobustnessTest {

    @Test
    void unknownCommandIsATypedResult() {
        EmbeddedChannel channel = channel(CmppVersion.V30);
        Object decoded = decode(channel, HexFormat.of().parseHex("0000000e0000000300000005abcd"));
        assertThat(decoded).isEqualTo(new UnknownPdu<>(3, 5L, Octets.fromHex("abcd")));
        assertThat(decoded.toString()).doesNotContain("abcd").contains("0x00000003", "bodyLength=2");
        assertFinished(channel);
    }

    @Test
    void truncatedSubmitIsMalformedWithItsSequence() {
        byte[] whole = CmppFixtures.submitBytes(CmppVersion.V30, List.of("13800138000"));
        byte[] cut = Arrays.copyOf(whole, 60);
        cut[3] = 60; // a consistent length field over a body that stops mid-record
        EmbeddedChannel channel = channel(CmppVersion.V30);
        MalformedPdu<?> malformed = (MalformedPdu<?>) decode(channel, cut);
        assertThat(malformed.commandId()).isEqualTo(CmppCommandIds.SUBMIT);
        assertThat(malformed.sequence()).isEqualTo(7L);
        assertThat(malformed.isResponse()).isFalse();
        assertFinished(channel);
    }

    @Test
    void msgLengthBeyondTheFrameIsMalformed() {
        byte[] frame = CmppFixtures.deliverBytes(CmppVersion.V20, 0, 8, new byte[] {0, 'T'});
        frame[12 + 8 + 21 + 10 + 3 + 21 + 1] = (byte) 200; // Msg_Length
        EmbeddedChannel channel = channel(CmppVersion.V20);
        assertThat(decode(channel, frame)).isInstanceOf(MalformedPdu.class);
        assertFinished(channel);
    }

    @Test
    void statusReportOfTheWrongSizeIsMalformed() {
        byte[] frame = CmppFixtures.deliverBytes(CmppVersion.V30, 1, 0, new byte[20]);
        EmbeddedChannel channel = channel(CmppVersion.V30);
        MalformedPdu<?> malformed = (MalformedPdu<?>) decode(channel, frame);
        assertThat(malformed.sequence()).isEqualTo(9L);
        assertFinished(channel);
    }

    @Test
    void framesAfterAMalformedOneStillDecode() {
        byte[] bad = HexFormat.of().parseHex("0000000f800000040000000101"); // SUBMIT_RESP with 1 of 9 bytes
        bad = wire().bytes(bad).zeros(2).build();
        byte[] good = HexFormat.of().parseHex("0000000c0000000800000002");
        EmbeddedChannel channel = channel(CmppVersion.V20);
        channel.writeInbound(Unpooled.wrappedBuffer(bad, good));
        assertThat(CodecChannels.drainInbound(channel)).satisfiesExactly(
                first -> assertThat(first).isInstanceOf(MalformedPdu.class),
                second -> assertThat(second).isEqualTo(new CmppActiveTest(2)));
        assertFinished(channel);
    }

    @Test
    void overLongFrameClosesTheChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(CmppDecoder.frameDecoder(200), new CmppDecoder(CmppVersion.V30));
        byte[] frame = CmppFixtures.submitBytes(CmppVersion.V30, List.of("13800138000", "13800138001"));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(frame)))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(channel.isActive()).isFalse();
        assertFinished(channel);
    }

    @Test
    void lengthBelowTheHeaderClosesTheChannel() {
        EmbeddedChannel channel = channel(CmppVersion.V30);
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(
                HexFormat.of().parseHex("000000080000000800000001"))))
                .isInstanceOf(CorruptedFrameException.class);
        assertThat(channel.isActive()).isFalse();
        assertFinished(channel);
    }

    @Test
    void everySingleByteCorruptionIsSurvived() {
        CodecChannels.assertSurvivesCorruption(() -> channel(CmppVersion.V30),
                CmppFixtures.submitBytes(CmppVersion.V30, List.of("13800138000")), CmppPdu.class);
        CodecChannels.assertSurvivesCorruption(() -> channel(CmppVersion.V20),
                CmppFixtures.deliverBytes(CmppVersion.V20, 1, 0, CmppFixtures.reportBytes(CmppVersion.V20)),
                CmppPdu.class);
    }

    @Test
    void fieldTooWideFailsTheWriteInsteadOfTruncating() {
        EmbeddedChannel channel = channel(CmppVersion.V20);
        CmppSubmit submit = CmppFixtures.submit(List.of("8613800138000123456789")); // 22 > 21
        assertThatThrownBy(() -> channel.writeOutbound(submit))
                .isInstanceOf(EncoderException.class).hasMessageContaining("Dest_terminal_Id");
        assertFinished(channel);
    }

    @Test
    void defaultMaxFrameHoldsAHundredRecipientSubmit() {
        List<String> hundred = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "138001380" + (10 + i))
                .toList();
        EmbeddedChannel channel = channel(CmppVersion.V30);
        byte[] frame = CodecChannels.encode(channel, new CmppSubmit(1, 0, 1, 1, 1, 0, "S", 0, "", 0, 0, "901234",
                "01", "0", "", "", "1069", hundred, 0,
                MessageContent.ofText(MessageFormat.UCS2, "x".repeat(70)), ""));
        assertThat(frame.length).isLessThan(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH);
        assertThat(((CmppSubmit) decode(channel, frame)).destTerminalIds()).hasSize(100);
        assertFinished(channel);
    }
}
