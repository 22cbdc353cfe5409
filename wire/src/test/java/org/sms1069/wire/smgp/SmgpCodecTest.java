package org.sms1069.wire.smgp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.CodecChannels;
import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.wire.codec.MalformedPdu;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.PduFrameDecoder;
import org.sms1069.wire.codec.UnknownPdu;
import org.sms1069.wire.codec.WireBytes;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sms1069.wire.codec.CodecChannels.assertFinished;
import static org.sms1069.wire.codec.CodecChannels.decode;
import static org.sms1069.wire.codec.WireBytes.wire;

/** Golden bytes for every SMGP PDU (laid out from reference §3), both directions, plus decoder robustness. */
class SmgpCodecTest {

    static final SmgpMsgId SPEC_MSG_ID = SmgpMsgId.of("01006101161700012345"); // reference §3.5
    private static final byte[] SEGMENT_TEXT = "第一段".getBytes(StandardCharsets.UTF_16BE);
    private static final MessageContent SEGMENT = MessageContent.segment(MessageFormat.UCS2,
            new ConcatenationUdh(0x2A, 2, 1), SEGMENT_TEXT);

    static EmbeddedChannel channel() {
        return new EmbeddedChannel(SmgpDecoder.frameDecoder(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH),
                new SmgpDecoder(), new SmgpEncoder());
    }

    private static SmgpSubmit longMessageSegment() {
        SmgpTlvs options = SmgpTlvs.EMPTY.withUint8(SmgpTlvTags.PK_TOTAL, 2).withUint8(SmgpTlvTags.PK_NUMBER, 1)
                .with(0x7777, Octets.fromHex("beef")); // unknown tag, preserved
        return new SmgpSubmit(5, SmgpSubmit.MT, 1, 1, "MXX0010101", "00", "000000", "000000", "", "", "10690123456",
                "", List.of("13312345678"), SEGMENT, options);
    }

    private static byte[] longMessageSegmentBytes() {
        return wire().u32(SmgpCommandIds.SUBMIT).u32(5).u8(6).u8(1).u8(1).str("MXX0010101", 10).str("00", 2)
                .str("000000", 6).str("000000", 6).u8(8).str("", 17).str("", 17).str("10690123456", 21).str("", 21)
                .u8(1).str("13312345678", 21).u8(SEGMENT.length()).hex("0500032a0201").bytes(SEGMENT_TEXT).zeros(8)
                .hex("0002 0001 01").hex("0009 0001 02").hex("000a 0001 01").hex("7777 0002 beef").framed();
    }

    static SmgpReport report() {
        return new SmgpReport(SPEC_MSG_ID, "001", "001", "2511281054", "2511281055", "UNDELIV", "004");
    }

    static byte[] reportDeliverBytes(byte[] reportText) {
        return wire().u32(SmgpCommandIds.DELIVER).u32(0xFFFF_FFFEL).hex("01006101161700099999").u8(1).u8(0)
                .str("20251128105500", 14).str("13312345678", 21).str("10690123456", 21).u8(reportText.length)
                .bytes(reportText).zeros(8).framed();
    }

    static byte[] reportText() {
        return wire().str("id:", 3).hex("01006101161700012345").str(" sub:001 dlvrd:001 Submit date:2511281054"
                + " done date:2511281055 stat:UNDELIV err:004 Text:000", 109).build();
    }

    @Test
    void loginMatchesTheReferenceVector() {
        SmgpLogin login = SmgpLogin.login(1, "10690001", "secret", SmgpLogin.MODE_TRANSMIT, 301000000L);
        assertThat(login.authenticatorClient().toHex()).isEqualTo("03a527434681556524840aeb8c42fbe9");
        assertGolden(login, HexFormat.of().parseHex("0000002a 00000001 00000001 3130363930303031"
                .replace(" ", "") + "03a527434681556524840aeb8c42fbe9" + "02" + "11f0e540" + "30"));
    }

    @Test
    void loginResp() {
        Octets server = SmgpAuthenticator.server(0, Octets.fromHex("03a527434681556524840aeb8c42fbe9"), "secret");
        byte[] expected = wire().u32(SmgpCommandIds.LOGIN_RESP).u32(1).u32(0).bytes(server.toByteArray()).u8(0x30)
                .framed();
        assertThat(expected).hasSize(33);
        assertGolden(new SmgpLoginResp(1, 0, server, 0x30), expected);
    }

    @Test
    void failedLoginRespWithoutAuthenticatorIsAccepted() {
        EmbeddedChannel channel = channel();
        assertThat(decode(channel, wire().u32(SmgpCommandIds.LOGIN_RESP).u32(1).u32(21).u8(0x30).framed()))
                .isEqualTo(new SmgpLoginResp(1, 21, Octets.EMPTY, 0x30));
        assertFinished(channel);
    }

    @Test
    void submitOfALongMessageSegmentWithTlvs() {
        byte[] expected = longMessageSegmentBytes();
        assertThat(expected).hasSize(126 + 21 + SEGMENT.length() + 5 * 3 + 6);
        SmgpSubmit submit = longMessageSegment();
        assertGolden(submit, expected);
        assertThat(submit.options().pkTotal()).hasValue(2);
        assertThat(submit.content().concatenation()).contains(new ConcatenationUdh(0x2A, 2, 1));
        assertThat(submit.content().text()).isEqualTo("第一段");
    }

    @Test
    void submitRespAndDeliverResp() {
        assertGolden(new SmgpSubmitResp(5, SPEC_MSG_ID, 75), HexFormat.of().parseHex(
                "0000001a8000000200000005" + "01006101161700012345" + "0000004b"));
        assertGolden(new SmgpDeliverResp(6, SPEC_MSG_ID, 0), HexFormat.of().parseHex(
                "0000001a8000000300000006" + "01006101161700012345" + "00000000"));
        assertThat(SPEC_MSG_ID.toString()).isEqualTo("01006101161700012345");
    }

    @Test
    void deliverMoWithLinkId() {
        MessageContent text = MessageContent.ofText(MessageFormat.GB, "好");
        SmgpDeliver mo = new SmgpDeliver(6, SPEC_MSG_ID, 0, "20251128105500", "13312345678", "106901234561", text,
                SmgpTlvs.EMPTY.withString(SmgpTlvTags.LINK_ID, "LNK1", 20));
        byte[] expected = wire().u32(SmgpCommandIds.DELIVER).u32(6).hex("01006101161700012345").u8(0).u8(15)
                .str("20251128105500", 14).str("13312345678", 21).str("106901234561", 21).u8(2).hex("bac3")
                .zeros(8).hex("0003 0014").str("LNK1", 20).framed();
        assertThat(expected).hasSize(89 + 2 + 24);
        assertGolden(mo, expected);
        assertThat(mo.options().linkId()).hasValue("LNK1");
        assertThat(mo.content().text()).isEqualTo("好");
    }

    @Test
    void deliverStatusReport() {
        byte[] text = reportText();
        assertThat(text).hasSize(122);
        SmgpDeliver deliver = SmgpDeliver.ofReport(0xFFFF_FFFEL, SmgpMsgId.of("01006101161700099999"),
                "20251128105500", "13312345678", "10690123456", report());
        assertGolden(deliver, reportDeliverBytes(text));
        assertThat(deliver.report()).isEqualTo(report());
        assertThat(deliver.report().isDelivered()).isFalse();
    }

    @Test
    void activeTestAndExit() {
        assertGolden(new SmgpActiveTest(1), HexFormat.of().parseHex("0000000c0000000400000001"));
        assertGolden(new SmgpActiveTestResp(1), HexFormat.of().parseHex("0000000c8000000400000001"));
        assertGolden(new SmgpExit(2), HexFormat.of().parseHex("0000000c0000000600000002"));
        assertGolden(new SmgpExitResp(2), HexFormat.of().parseHex("0000000c8000000600000002"));
    }

    @Test
    void truncatedTlvAtTheEndIsDroppedNotFatal() {
        byte[] frame = wire().bytes(java.util.Arrays.copyOfRange(longMessageSegmentBytes(), 4,
                longMessageSegmentBytes().length)).hex("0010 0008 41").framed(); // MsgSrc claims 8, has 1
        EmbeddedChannel channel = channel();
        assertThat(decode(channel, frame)).isEqualTo(longMessageSegment());
        assertFinished(channel);
    }

    @Test
    void unknownMalformedAndOverLong() {
        EmbeddedChannel channel = channel();
        assertThat(decode(channel, wire().u32(0x0000_0007).u32(3).framed()))
                .isEqualTo(new UnknownPdu<>(7, 3L, Octets.EMPTY));
        MalformedPdu<?> badReport = (MalformedPdu<?>) decode(channel, reportDeliverBytes(new byte[] {'x'}));
        assertThat(badReport.sequence()).isEqualTo(0xFFFF_FFFEL);
        assertFinished(channel);

        EmbeddedChannel small = new EmbeddedChannel(SmgpDecoder.frameDecoder(100), new SmgpDecoder());
        assertThatThrownBy(() -> small.writeInbound(Unpooled.wrappedBuffer(longMessageSegmentBytes())))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(small.isActive()).isFalse();
        assertFinished(small);
    }

    @Test
    void everySingleByteCorruptionIsSurvived() {
        CodecChannels.assertSurvivesCorruption(SmgpCodecTest::channel, longMessageSegmentBytes(), SmgpPdu.class);
        CodecChannels.assertSurvivesCorruption(SmgpCodecTest::channel, reportDeliverBytes(reportText()),
                SmgpPdu.class);
    }

    private static void assertGolden(SmgpPdu pdu, byte[] expected) {
        CodecChannels.assertGolden(SmgpCodecTest::channel, pdu, expected);
    }
}
