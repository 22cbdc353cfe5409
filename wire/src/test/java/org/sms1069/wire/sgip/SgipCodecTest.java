package org.sms1069.wire.sgip;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.CodecChannels;
import org.sms1069.wire.codec.MalformedPdu;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.PduFrameDecoder;
import org.sms1069.wire.codec.SubmitOutcome;
import org.sms1069.wire.codec.UnknownPdu;
import org.sms1069.wire.codec.WireBytes;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sms1069.wire.codec.CodecChannels.assertFinished;
import static org.sms1069.wire.codec.CodecChannels.decode;
import static org.sms1069.wire.codec.WireBytes.wire;

/** Golden bytes for every SGIP PDU (laid out from reference §2), both directions, plus decoder robustness. */
class SgipCodecTest {

    /** An SP node id above 2^31, to prove the unsigned handling. */
    private static final SgipSequence SP_SEQ = new SgipSequence(3_075_512_345L, 1_120_203_225L, 7);
    private static final SgipSequence SMG_SEQ = new SgipSequence(107_551L, 1_128_105_407L, 0xFFFF_FFFFL);
    private static final MessageContent GBK_TEXT = MessageContent.ofText(MessageFormat.GB, "您的验证码是123456");

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(SgipDecoder.frameDecoder(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH),
                new SgipDecoder(), new SgipEncoder());
    }

    private static WireBytes header(long commandId, SgipSequence seq) {
        return wire().u32(commandId).u32(seq.nodeId()).u32(seq.time()).u32(seq.counter());
    }

    private static SgipSubmit submit() {
        return new SgipSubmit(SP_SEQ, "10655012345", SgipSubmit.SP_PAYS, List.of("8613012345678", "8613112345678"),
                "12345", "MXX0010101", 1, "0", "0", 0, 2, 0, "", "", 1, 0, 0, GBK_TEXT);
    }

    private static byte[] submitBytes() {
        WireBytes wire = header(SgipCommandIds.SUBMIT, SP_SEQ).str("10655012345", 21)
                .str("000000000000000000000", 21).u8(2).str("8613012345678", 21).str("8613112345678", 21)
                .str("12345", 5).str("MXX0010101", 10).u8(1).str("0", 6).str("0", 6).u8(0).u8(2).u8(0)
                .str("", 16).str("", 16).u8(1).u8(0).u8(0).u8(15).u8(0).u32(GBK_TEXT.length())
                .bytes(GBK_TEXT.bytes().toByteArray()).zeros(8);
        return wire.framed();
    }

    private static byte[] reportBytes() {
        return header(SgipCommandIds.REPORT, SMG_SEQ).u32(SP_SEQ.nodeId()).u32(SP_SEQ.time()).u32(SP_SEQ.counter())
                .u8(0).str("8613012345678", 21).u8(2).u8(25).zeros(8).framed();
    }

    @Test
    void bind() {
        byte[] expected = header(SgipCommandIds.BIND, SP_SEQ).u8(1).str("sp-login", 16).str("pa55", 16).zeros(8)
                .framed();
        assertThat(expected).hasSize(61);
        SgipBind bind = new SgipBind(SP_SEQ, SgipBind.SP_TO_SMG, "sp-login", "pa55");
        assertGolden(bind, expected);
        assertThat(bind.toString()).doesNotContain("pa55");
    }

    @Test
    void resultResponses() {
        assertGolden(new SgipBindResp(SP_SEQ, 0), header(SgipCommandIds.BIND_RESP, SP_SEQ).u8(0).zeros(8).framed());
        assertGolden(new SgipSubmitResp(SP_SEQ, 88), header(SgipCommandIds.SUBMIT_RESP, SP_SEQ).u8(88).zeros(8)
                .framed());
        assertGolden(new SgipDeliverResp(SMG_SEQ, 0), header(SgipCommandIds.DELIVER_RESP, SMG_SEQ).u8(0).zeros(8)
                .framed());
        assertGolden(new SgipReportResp(SMG_SEQ, 0), header(SgipCommandIds.REPORT_RESP, SMG_SEQ).u8(0).zeros(8)
                .framed());
        assertGolden(new SgipUserRptResp(SMG_SEQ, 5), header(SgipCommandIds.USERRPT_RESP, SMG_SEQ).u8(5).zeros(8)
                .framed());
    }

    @Test
    void unbindHasNoBody() {
        assertGolden(new SgipUnbind(SP_SEQ), HexFormat.of().parseHex("00000014 00000002 b7509819 42c4f1d9 00000007"
                .replace(" ", "")));
        assertGolden(new SgipUnbindResp(SP_SEQ), header(SgipCommandIds.UNBIND_RESP, SP_SEQ).framed());
    }

    @Test
    void submitToTwoUsers() {
        byte[] expected = submitBytes();
        assertThat(expected).hasSize(143 + 21 * 2 + GBK_TEXT.length());
        assertGolden(submit(), expected);
    }

    @Test
    void deliverMo() {
        MessageContent text = MessageContent.ofText(MessageFormat.UCS2, "退订");
        byte[] expected = header(SgipCommandIds.DELIVER, SMG_SEQ).str("8613012345678", 21).str("106550123451", 21)
                .u8(0).u8(0).u8(8).u32(4).bytes(text.bytes().toByteArray()).zeros(8).framed();
        assertThat(expected).hasSize(77 + 4);
        SgipDeliver mo = new SgipDeliver(SMG_SEQ, "8613012345678", "106550123451", 0, text);
        assertGolden(mo, expected);
        assertThat(mo.content().text()).isEqualTo("退订");
    }

    @Test
    void reportCarriesTheSubmitSequence() {
        byte[] expected = reportBytes();
        assertThat(expected).hasSize(64);
        SgipReport report = new SgipReport(SMG_SEQ, SP_SEQ, 0, "8613012345678", SgipReport.FAILED, 25);
        assertGolden(report, expected);
        assertThat(report.isDelivered()).isFalse();
        assertThat(report.isFinal()).isTrue();
        assertThat(SgipResultCodes.TABLE.describe(report.errorCode())).isEqualTo("user cannot be reached");
    }

    @Test
    void userRpt() {
        assertGolden(new SgipUserRpt(SMG_SEQ, "10655012345", "8613012345678", 1),
                header(SgipCommandIds.USERRPT, SMG_SEQ).str("10655012345", 21).str("8613012345678", 21).u8(1)
                        .zeros(8).framed());
    }

    @Test
    void resultClassification() {
        assertThat(SgipResultCodes.TABLE.outcome(0)).isEqualTo(SubmitOutcome.SUCCESS);
        assertThat(SgipResultCodes.TABLE.outcome(SgipResultCodes.FLOW_CONTROL)).isEqualTo(SubmitOutcome.THROTTLED);
        assertThat(SgipResultCodes.TABLE.outcome(11)).isEqualTo(SubmitOutcome.RETRYABLE);
        assertThat(SgipResultCodes.TABLE.outcome(6)).isEqualTo(SubmitOutcome.PERMANENT);
    }

    @Test
    void unknownAndTruncatedCommandsAreTypedResults() {
        EmbeddedChannel channel = channel();
        assertThat(decode(channel, header(0x1000, SP_SEQ).u8(1).framed()))
                .isEqualTo(new UnknownPdu<>(0x1000, SP_SEQ, Octets.of((byte) 1)));
        byte[] lying = header(SgipCommandIds.DELIVER, SMG_SEQ).str("8613012345678", 21).str("1065", 21)
                .u8(0).u8(0).u8(8).u32(0xFFFF_FFF0L).framed(); // MessageLength far beyond the frame
        MalformedPdu<?> malformed = (MalformedPdu<?>) decode(channel, lying);
        assertThat(malformed.sequence()).isEqualTo(SMG_SEQ);
        assertThat(malformed.commandId()).isEqualTo(SgipCommandIds.DELIVER);
        assertFinished(channel);
    }

    @Test
    void overLongFrameClosesTheChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(SgipDecoder.frameDecoder(128), new SgipDecoder());
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(submitBytes())))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(channel.isActive()).isFalse();
        assertFinished(channel);
    }

    @Test
    void everySingleByteCorruptionIsSurvived() {
        CodecChannels.assertSurvivesCorruption(SgipCodecTest::channel, submitBytes(), SgipPdu.class);
        CodecChannels.assertSurvivesCorruption(SgipCodecTest::channel, reportBytes(), SgipPdu.class);
    }

    private static void assertGolden(SgipPdu pdu, byte[] expected) {
        CodecChannels.assertGolden(SgipCodecTest::channel, pdu, expected);
    }
}
