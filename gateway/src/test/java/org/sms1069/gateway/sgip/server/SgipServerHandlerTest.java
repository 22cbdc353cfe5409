package org.sms1069.gateway.sgip.server;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.gateway.link.RepeatedDeliverFilter;
import org.sms1069.gateway.session.RecordingSink;
import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipDeliver;
import org.sms1069.wire.sgip.SgipDeliverResp;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.gateway.sgip.SgipInbound;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipReport;
import org.sms1069.wire.sgip.SgipReportResp;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipUnbind;
import org.sms1069.wire.sgip.SgipUnbindResp;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** The SP-side SGIP server's connection handler, fed real SGIP bytes through its codec. */
class SgipServerHandlerTest {
    private static final LinkSettings SETTINGS = new LinkSettings("cucc-1", Carrier.CUCC, Protocol.SGIP12, "127.0.0.1",
            8801, "sp-login", "sp-secret", "MXX0010101", "10690123456", 1, 32, 100, 100, 3_0270_12345L, 8802,
            "smg-login", "smg-secret", null);
    private static final SgipSequence SMG = new SgipSequence(107_551L, 1_128_105_407L, 1);
    private static final SgipSequence SMG_REPORT = new SgipSequence(107_551L, 1_128_105_407L, 2);
    private static final SgipSequence OUR_SUBMIT = new SgipSequence(3_0270_12345L, 1_128_105_400L, 9);

    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EmbeddedChannel channel = new EmbeddedChannel(SgipDecoder.frameDecoder(8192), new SgipDecoder(),
            new SgipEncoder(), new SgipServerHandler("cucc-1", "smg-login", "smg-secret", new SgipInbound(SETTINGS),
                    RepeatedDeliverFilter.of(sink, meters, "cucc-1"),
                    new SgipServerMetrics(meters, "cucc-1"),
                    new BindLockout(java.time.Duration.ZERO, java.time.Duration.ZERO, java.time.Clock.systemUTC()),
                    java.time.Duration.ofSeconds(10)));

    private void receive(SgipPdu pdu) {
        ByteBuf bytes = Unpooled.buffer();
        new SgipEncoder().encodeTo(pdu, bytes);
        channel.writeInbound(bytes);
    }

    private Object sent() {
        ByteBuf bytes = channel.readOutbound();
        assertThat(bytes).as("a PDU was sent").isNotNull();
        try {
            return new SgipDecoder().decodeFrame(bytes);
        } finally {
            bytes.release();
        }
    }

    private double binds(int result) {
        var counter = meters.find("sms_link_inbound_binds_total").tag("result", "SGIP:" + result).counter();
        return counter == null ? 0 : counter.count();
    }

    private void bound() {
        receive(new SgipBind(SMG, SgipBind.SMG_TO_SP, "smg-login", "smg-secret"));
        assertThat(sent()).isEqualTo(new SgipBindResp(SMG, 0));
    }

    @Test
    void aBoundGatewayDeliversReportsAndMo() {
        bound();
        receive(new SgipReport(SMG, OUR_SUBMIT, 0, "8613012345678", SgipReport.DELIVERED, 0));
        assertThat(sent()).isEqualTo(new SgipReportResp(SMG, 0));
        receive(new SgipDeliver(SMG, "8613012345678", "1069012345601", 0, MessageContent.ofText(MessageFormat.UCS2, "退订")));
        assertThat(sent()).isEqualTo(new SgipDeliverResp(SMG, 0));

        assertThat(sink.receipts).singleElement().satisfies(receipt -> {
            assertThat(receipt.carrierMessageId()).isEqualTo(OUR_SUBMIT.messageId());
            assertThat(receipt.stat()).isEqualTo("DELIVRD");
        });
        assertThat(sink.mos).singleElement().satisfies(mo -> assertThat(mo.text()).isEqualTo("退订"));
        assertThat(channel.isActive()).isTrue();
        assertThat(binds(0)).isEqualTo(1);
    }

    @Test
    void aReportOrMoSentAgainIsAnsweredAgainButHandedOnOnce() {
        bound();
        SgipDeliver mo = new SgipDeliver(SMG, "8613012345678", "1069012345601", 0, MessageContent.ofText(MessageFormat.UCS2, "TD"));
        SgipReport report = new SgipReport(SMG_REPORT, OUR_SUBMIT, 0, "8613012345678", SgipReport.DELIVERED, 0);
        for (int copy = 0; copy < 2; copy++) {
            receive(mo);
            assertThat(sent()).isEqualTo(new SgipDeliverResp(SMG, 0));
            receive(report);
            assertThat(sent()).isEqualTo(new SgipReportResp(SMG_REPORT, 0));
        }

        assertThat(sink.mos).hasSize(1);
        assertThat(sink.receipts).hasSize(1);
        assertThat(meters.counter("sms_link_inbound_repeated_total", "link", "cucc-1").count()).isEqualTo(2);
    }

    @Test
    void wrongCredentialsAreRefusedWithResultOneAndTheConnectionCloses() {
        receive(new SgipBind(SMG, SgipBind.SMG_TO_SP, "smg-login", "guess"));

        assertThat(sent()).isEqualTo(new SgipBindResp(SMG, 1));
        assertThat(channel.isActive()).isFalse();
        assertThat(binds(1)).isEqualTo(1);
    }

    @Test
    void theSpLoginTypeIsRefusedWithResultFour() {
        receive(new SgipBind(SMG, SgipBind.SP_TO_SMG, "smg-login", "smg-secret"));

        assertThat(sent()).isEqualTo(new SgipBindResp(SMG, 4));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aRequestBeforeBindClosesTheConnectionUnanswered() {
        receive(new SgipReport(SMG, OUR_SUBMIT, 0, "8613012345678", SgipReport.DELIVERED, 0));

        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isActive()).isFalse();
        assertThat(sink.receipts).isEmpty();
    }

    @Test
    void aSecondBindOnTheSameConnectionGetsResultTwoAndTheSessionGoesOn() {
        bound();
        receive(new SgipBind(SMG, SgipBind.SMG_TO_SP, "smg-login", "not-checked"));

        assertThat(sent()).isEqualTo(new SgipBindResp(SMG, 2));
        assertThat(channel.isActive()).isTrue();
        receive(new SgipReport(SMG, OUR_SUBMIT, 0, "8613012345678", SgipReport.DELIVERED, 0));
        assertThat(sent()).isEqualTo(new SgipReportResp(SMG, 0));
        assertThat(binds(2)).isEqualTo(1);
    }

    @Test
    void theGatewaysUnbindIsAnsweredAndBothSidesClose() {
        bound();
        receive(new SgipUnbind(SMG));

        assertThat(sent()).isEqualTo(new SgipUnbindResp(SMG));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void theGatewaysAnswerToOurUnbindClosesTheConnection() {
        bound();
        channel.writeOutbound(new SgipUnbind(OUR_SUBMIT));
        assertThat(sent()).isEqualTo(new SgipUnbind(OUR_SUBMIT));

        receive(new SgipUnbindResp(OUR_SUBMIT));

        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aMalformedReportIsAnsweredWithResultFiveAndTheConnectionStays() {
        bound();
        ByteBuf bytes = Unpooled.buffer();
        new SgipEncoder().encodeTo(new SgipReport(SMG, OUR_SUBMIT, 0, "8613012345678", SgipReport.DELIVERED, 0), bytes);
        ByteBuf truncated = Unpooled.buffer();
        truncated.writeInt(bytes.readableBytes() - 10);
        truncated.writeBytes(bytes, 4, bytes.readableBytes() - 14);
        bytes.release();
        channel.writeInbound(truncated);

        assertThat(sent()).isEqualTo(new SgipReportResp(SMG, 5));
        assertThat(channel.isActive()).isTrue();
        assertThat(sink.receipts).isEmpty();
        assertThat(meters.find("sms_link_session_events_total").tag("event", "malformed_pdu").counter().count()).isEqualTo(1);
    }
}
