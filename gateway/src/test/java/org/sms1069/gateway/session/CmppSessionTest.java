package org.sms1069.gateway.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.cmpp.CmppPdu;
import org.sms1069.wire.cmpp.CmppActiveTest;
import org.sms1069.wire.cmpp.CmppActiveTestResp;
import org.sms1069.wire.cmpp.CmppDecoder;
import org.sms1069.wire.cmpp.CmppDeliver;
import org.sms1069.wire.cmpp.CmppDeliverResp;
import org.sms1069.gateway.cmpp.CmppDialect;
import org.sms1069.wire.cmpp.CmppEncoder;
import org.sms1069.wire.cmpp.CmppReport;
import org.sms1069.wire.cmpp.CmppSubmitResp;
import org.sms1069.wire.cmpp.CmppTerminate;
import org.sms1069.wire.cmpp.CmppTerminateResp;
import org.sms1069.wire.cmpp.CmppVersion;
import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The session handler with the CMPP dialect on an EmbeddedChannel: what it answers the carrier, and when. */
class CmppSessionTest {
    private static final LinkSettings SETTINGS = new LinkSettings("cmcc-1", Carrier.CMCC, Protocol.CMPP30, "127.0.0.1",
            7890, "901234", "secret", "MXX0010101", "10690123456", 1, 16, 100, 100, 0, 0, null, null, null);

    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CmppDialect dialect = new CmppDialect(SETTINGS, CmppVersion.V30);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final CmppEncoder encoder = new CmppEncoder(CmppVersion.V30);
    private final CmppDecoder decoder = new CmppDecoder(CmppVersion.V30);

    CmppSessionTest() {
        dialect.initCodec(channel.pipeline(), 8192);
        channel.pipeline().addLast(new Session<>("cmcc-1#0", dialect, SessionProperties.defaults(),
                new SessionMetrics(meters, "cmcc-1"), sink, () -> { }));
    }

    private void receive(Object pdu) {
        ByteBuf bytes = Unpooled.buffer();
        encoder.encodeTo((org.sms1069.wire.cmpp.CmppPdu) pdu, bytes);
        channel.writeInbound(bytes);
    }

    private Object sent() {
        ByteBuf bytes = channel.readOutbound();
        try {
            return decoder.decodeFrame(bytes);
        } finally {
            bytes.release();
        }
    }

    private double events(String event) {
        return meters.counter("sms_link_session_events_total", "link", "cmcc-1", "event", event).count();
    }

    @Test
    void reportIsAnsweredAndHandedOnWithTheUnsignedDecimalId() {
        long msgId = 0xBE2B61C003E9002AL;
        receive(CmppDeliver.ofReport(3, 77, "1069012345688", "MXX0010101",
                new CmppReport(msgId, "MK:0001", "2611281054", "2611281055", "13800138000", 42), CmppVersion.V30));

        assertThat(sent()).isEqualTo(new CmppDeliverResp(3, 77, 0));
        assertThat(sink.receipts).singleElement().satisfies(r -> {
            assertThat(r.carrierMessageId()).isEqualTo(Long.toUnsignedString(msgId));
            assertThat(r.stat()).isEqualTo("MK:0001");
            assertThat(r.scope()).isEqualTo(SETTINGS.receiptScope());
        });
    }

    @Test
    void aPartOfALongMoIsHandedOnWithItsPlaceAndWithoutItsHeader() {
        MessageContent part = MessageContent.segment(MessageFormat.UCS2, new ConcatenationUdh(0x42, 2, 1),
                "第一部分".getBytes(StandardCharsets.UTF_16BE));
        receive(new CmppDeliver(5, 90, "1069012345601", "MXX0010101", 0, "8613800138000", 0, 0, part, ""));

        assertThat(sent()).isEqualTo(new CmppDeliverResp(5, 90, 0));
        assertThat(sink.moParts).singleElement().satisfies(mo -> {
            assertThat(mo.concatenation()).isEqualTo(new ConcatenationUdh(0x42, 2, 1));
            assertThat(mo.isWhole()).isFalse();
            assertThat(mo.message().text()).isEqualTo("第一部分");
            assertThat(mo.message().phone()).isEqualTo("13800138000");
            assertThat(mo.message().carrierMessageId()).isEqualTo("90");
        });
    }

    @Test
    void acceptdIsAnsweredButNotHandedOn() {
        receive(CmppDeliver.ofReport(4, 78, "1069012345688", "", new CmppReport(1, "ACCEPTD", "", "", "13800138000", 1),
                CmppVersion.V30));

        assertThat(sent()).isEqualTo(new CmppDeliverResp(4, 78, 0));
        assertThat(sink.receipts).isEmpty();
    }

    @Test
    void enrouteIsAnsweredButNotHandedOnLikeAcceptd() {
        receive(CmppDeliver.ofReport(4, 79, "1069012345688", "", new CmppReport(1, "ENROUTE", "", "", "13800138000", 1),
                CmppVersion.V30));

        assertThat(sent()).isEqualTo(new CmppDeliverResp(4, 79, 0));
        assertThat(sink.receipts).isEmpty();
    }

    @Test
    void anyNonZeroRegisteredDeliveryIsAReport() {
        CmppDeliver asSent = CmppDeliver.ofReport(6, 80, "1069012345688", "", new CmppReport(55, "DELIVRD", "2611281054",
                "2611281055", "13800138000", 1), CmppVersion.V30);
        receive(new CmppDeliver(asSent.sequenceId(), asSent.msgId(), asSent.destId(), asSent.serviceId(), 0,
                asSent.srcTerminalId(), 0, 2, asSent.content(), ""));

        assertThat(sent()).isEqualTo(new CmppDeliverResp(6, 80, 0));
        assertThat(sink.mos).isEmpty();
        assertThat(sink.receipts).singleElement().satisfies(r -> {
            assertThat(r.carrierMessageId()).isEqualTo("55");
            assertThat(r.stat()).isEqualTo("DELIVRD");
        });
    }

    @Test
    void aLoginRefusedWithoutAuthenticatorKeepsItsStatus() {
        ByteBuf refusal = Unpooled.buffer().writeInt(16).writeInt(0x8000_0001).writeInt(1).writeInt(3);
        Object decoded = decoder.decodeFrame(refusal);
        refusal.release();

        assertThat(dialect.loginResult((CmppPdu) decoded).rawResult()).isEqualTo("CMPP:3");
    }

    @Test
    void malformedDeliverIsAnsweredWithResult1AndTheChannelStaysOpen() {
        channel.writeInbound(Unpooled.buffer().writeInt(17).writeInt(5).writeInt(9).writeZero(5));

        assertThat(sent()).isEqualTo(new CmppDeliverResp(9, 0, 1));
        assertThat(channel.isActive()).isTrue();
        assertThat(events("malformed_pdu")).isEqualTo(1);
    }

    @Test
    void corruptLengthClosesTheChannel() {
        channel.writeInbound(Unpooled.buffer().writeInt(3).writeInt(0).writeInt(0));

        assertThat(channel.isActive()).isFalse();
        assertThat(events("malformed_pdu")).isEqualTo(1);
    }

    @Test
    void answerToNoRequestIsCountedAndIgnored() {
        receive(new CmppSubmitResp(12345, 1, 0));

        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(events("unexpected_response")).isEqualTo(1);
    }

    @Test
    void gatewaysActiveTestIsAnsweredAndItsTerminateClosesAfterTheAnswer() {
        receive(new CmppActiveTest(21));
        assertThat(sent()).isEqualTo(new CmppActiveTestResp(21));

        receive(new CmppTerminate(22));
        assertThat(sent()).isEqualTo(new CmppTerminateResp(22));
        assertThat(channel.isActive()).isFalse();
    }
}
