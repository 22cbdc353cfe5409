package org.sms1069.gateway.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.wire.smgp.SmgpDecoder;
import org.sms1069.wire.smgp.SmgpDeliver;
import org.sms1069.wire.smgp.SmgpDeliverResp;
import org.sms1069.gateway.smgp.SmgpDialect;
import org.sms1069.wire.smgp.SmgpEncoder;
import org.sms1069.wire.smgp.SmgpLoginResp;
import org.sms1069.wire.smgp.SmgpMsgId;
import org.sms1069.wire.smgp.SmgpPdu;
import org.sms1069.wire.smgp.SmgpReport;
import org.sms1069.wire.smgp.SmgpSubmit;
import org.sms1069.wire.smgp.SmgpSubmitResp;
import org.sms1069.wire.smgp.SmgpTlvTags;
import org.sms1069.wire.smgp.SmgpTlvs;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMGP dialect: what it sends and how it reads the gateway's answers, reports and MO. */
class SmgpSessionTest {
    private static final LinkSettings SETTINGS = new LinkSettings("ctcc-1", Carrier.CTCC, Protocol.SMGP30, "127.0.0.1",
            8890, "sp000001", "secret", "MXX0010101", "10690123456", 1, 16, 100, 100, 0, 0, null, null, null);
    private static final SmgpMsgId ID = SmgpMsgId.of("01006111281054012345");

    private final SmgpDialect dialect = new SmgpDialect(SETTINGS);
    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    SmgpSessionTest() {
        dialect.initCodec(channel.pipeline(), 8192);
        channel.pipeline().addLast(new Session<>("ctcc-1#0", dialect, SessionProperties.defaults(),
                new SessionMetrics(meters, "ctcc-1"), sink, () -> { }));
    }

    private static OutboundSubmit part(int number, int count) {
        return new OutboundSubmit(1, "k", "ctcc-1", Carrier.CTCC, List.of(new Recipient("m1", "18912345678")),
                "1069012345699", number, count, 7, "电信", 0, Instant.now(), null);
    }

    private void receive(SmgpPdu pdu) {
        ByteBuf bytes = Unpooled.buffer();
        new SmgpEncoder().encodeTo(pdu, bytes);
        channel.writeInbound(bytes);
    }

    private Object sent() {
        ByteBuf bytes = channel.readOutbound();
        try {
            return new SmgpDecoder().decodeFrame(bytes);
        } finally {
            bytes.release();
        }
    }

    @Test
    void partOfALongMessageCarriesUdhAndPkTlvs() {
        SmgpSubmit submit = (SmgpSubmit) dialect.submitRequest(5L, part(2, 3));

        assertThat(submit.needReport()).isEqualTo(1);
        assertThat(submit.srcTermId()).isEqualTo("1069012345699");
        assertThat(submit.destTermIds()).containsExactly("18912345678");
        assertThat(submit.content().format()).isEqualTo(MessageFormat.UCS2);
        assertThat(submit.content().udhi()).isTrue();
        assertThat(submit.options().pkTotal()).hasValue(3);
        assertThat(submit.options().pkNumber()).hasValue(2);
        assertThat(dialect.submitRequest(6L, part(1, 1))).extracting(s -> ((SmgpSubmit) s).options().pkTotal().isPresent())
                .isEqualTo(false);
    }

    @Test
    void aReplySendsTheLinkIdOfItsMoBackAsTheLinkIdTlvAndAnyOtherSubmitNone() {
        ByteBuf bytes = Unpooled.buffer();
        new SmgpEncoder().encodeTo((SmgpSubmit) dialect.submitRequest(5L, part(1, 1).withCarrierLinkId("LNK0042")), bytes);
        byte[] frame = ByteBufUtil.getBytes(bytes);
        bytes.release();

        // the Submit ends with its TLVs: LinkID tag 0x0003, length 20, the MO's LinkID NUL padded (reference §3.9)
        assertThat(HexFormat.of().formatHex(frame, frame.length - 24, frame.length))
                .isEqualTo("00030014" + "4c4e4b30303432" + "00".repeat(13));
        assertThat(((SmgpSubmit) dialect.submitRequest(6L, part(1, 1))).options().find(SmgpTlvTags.LINK_ID)).isEmpty();
    }

    @Test
    void anMoIsHandedOnWithItsLinkIdTlv() {
        receive(new SmgpDeliver(7, ID, 0, "20261128105500", "18912345678", "1069012345699",
                MessageContent.ofText(MessageFormat.UCS2, "1"), SmgpTlvs.EMPTY.withString(SmgpTlvTags.LINK_ID, "LNK0042", 20)));
        receive(new SmgpDeliver(8, SmgpMsgId.of("01006111281054012346"), 0, "20261128105500", "18912345678",
                "1069012345699", MessageContent.ofText(MessageFormat.UCS2, "2"), SmgpTlvs.EMPTY));

        assertThat(sink.moParts).extracting(mo -> mo.message().text() + "=" + mo.message().carrierLinkId())
                .containsExactly("1=LNK0042", "2=null");
    }

    @Test
    void submitAnswersMapToIdsOrRetryableAndPermanentCodes() {
        assertThat(dialect.submitResult(new SmgpSubmitResp(1, ID, 0), part(1, 1)))
                .isEqualTo(new SubmitResult.Accepted(List.of("01006111281054012345")));
        assertThat(dialect.submitResult(new SmgpSubmitResp(1, ID, 75), part(1, 1)))
                .isEqualTo(new SubmitResult.Rejected(true, "SMGP:75", "SP is over its daily volume", true));
        assertThat(dialect.submitResult(new SmgpSubmitResp(1, ID, 47), part(1, 1)))
                .isEqualTo(new SubmitResult.Rejected(false, "SMGP:47", "bad DestTermId"));
        assertThat(dialect.loginResult(new SmgpLoginResp(1, 21, org.sms1069.wire.codec.Octets.EMPTY, 0x30)).rawResult())
                .isEqualTo("SMGP:21");
    }

    @Test
    void reportIsAnsweredAndHandedOnWithTheMsgIdDigits() {
        SmgpReport report = new SmgpReport(ID, "001", "001", "2611281054", "2611281055", "UNDELIV", "004");
        receive(SmgpDeliver.ofReport(8, SmgpMsgId.of("01006111281055000001"), "20261128105500", "18912345678",
                "1069012345699", report));

        assertThat(sent()).isEqualTo(new SmgpDeliverResp(8, SmgpMsgId.of("01006111281055000001"), 0));
        assertThat(sink.receipts).singleElement().satisfies(r -> {
            assertThat(r.carrierMessageId()).isEqualTo("01006111281054012345");
            assertThat(r.stat()).isEqualTo("UNDELIV");
            assertThat(r.error()).isEqualTo("004");
        });
    }

    @Test
    void submitsGoOutWithPriorityNormal() {
        ByteBuf bytes = Unpooled.buffer();
        new SmgpEncoder().encodeTo((SmgpSubmit) dialect.submitRequest(5L, part(1, 1)), bytes);

        // header 12, MsgType 1, NeedReport 1, then Priority: 1 = normal (0 would be low)
        assertThat(bytes.getUnsignedByte(12)).isEqualTo((short) SmgpSubmit.MT);
        assertThat(bytes.getUnsignedByte(13)).isEqualTo((short) 1);
        assertThat(bytes.getUnsignedByte(14)).isEqualTo((short) 1);
        bytes.release();
    }

    @Test
    void intermediateReportsAreAnsweredButNotHandedOn() {
        for (String stat : List.of("ACCEPTD", "ENROUTE")) {
            SmgpReport report = new SmgpReport(ID, "001", "000", "2611281054", "2611281055", stat, "000");
            receive(SmgpDeliver.ofReport(9, SmgpMsgId.of("01006111281055000002"), "20261128105500", "18912345678",
                    "1069012345699", report));
            assertThat(sent()).isEqualTo(new SmgpDeliverResp(9, SmgpMsgId.of("01006111281055000002"), 0));
        }
        assertThat(sink.receipts).isEmpty();
    }

    @Test
    void malformedDeliverIsAnsweredWithStatus10() {
        channel.writeInbound(Unpooled.buffer().writeInt(20).writeInt(3).writeInt(4).writeZero(8));

        SmgpDeliverResp answer = (SmgpDeliverResp) sent();
        assertThat(answer.sequenceId()).isEqualTo(4);
        assertThat(answer.status()).isEqualTo(10);
        assertThat(channel.isActive()).isTrue();
    }
}
