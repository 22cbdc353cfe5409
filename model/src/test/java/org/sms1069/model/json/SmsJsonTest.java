package org.sms1069.model.json;

import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.MessageIds;
import org.sms1069.model.MessageType;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.BlockedMessage;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.event.StatusEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsJsonTest {

    @Test
    void statusEventRoundTripsWithIsoInstants() {
        StatusEvent event = new StatusEvent(StatusEvent.VERSION, MessageIds.next(), "13800138000", 1, 1,
                MessageStatus.DELIVERED, Carrier.CMCC, "cmcc-1", "1234", "DELIVRD", null,
                Instant.parse("2026-11-28T12:00:00Z"));
        byte[] json = SmsJson.write(event);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"at\":\"2026-11-28T12:00:00Z\"");
        assertThat(SmsJson.read(json, StatusEvent.class)).isEqualTo(event);
    }

    @Test
    void blockedMessageCarriesTheModelVersionAndScoreAndReadsRecordsWrittenWithoutThem() throws Exception {
        BlockedMessage blocked = blocked("marketing-v1", 0.93);
        assertThat(SmsJson.read(SmsJson.write(blocked), BlockedMessage.class)).isEqualTo(blocked);

        var withoutModel = (com.fasterxml.jackson.databind.node.ObjectNode) SmsJson.mapper().readTree(SmsJson.write(blocked));
        withoutModel.remove(List.of("modelVersion", "marketingScore"));
        assertThat(SmsJson.mapper().treeToValue(withoutModel, BlockedMessage.class)).isEqualTo(blocked(null, null));
    }

    private static BlockedMessage blocked(String modelVersion, Double score) {
        return new BlockedMessage(BlockedMessage.VERSION, "e-1", "app", MessageType.NOTIFICATION,
                List.of("138****8000"), "【店】全场5折", "MARKETING", List.of("MODEL_MARKETING"),
                List.of(new BlockedMessage.Span(3, 7, "全场5折")), "reason", null, "v1",
                Instant.parse("2026-12-06T12:00:00Z"), modelVersion, score);
    }

    @Test
    void outboundSubmitCarriesItsLastErrorAndWaitAndReadsRecordsWrittenWithoutThem() {
        OutboundSubmit part = new OutboundSubmit(OutboundSubmit.VERSION, "m:1:2", "cmcc-1", Carrier.CMCC,
                List.of(new Recipient("m", "13800138000")), "10690123456", 1, 1, 9, "text", 2,
                Instant.parse("2026-11-28T12:00:00Z"), Instant.parse("2026-11-28T11:00:00Z"), "LINK_DOWN",
                Instant.parse("2026-11-28T10:00:00Z"), 1, false, null);
        assertThat(SmsJson.read(SmsJson.write(part), OutboundSubmit.class)).isEqualTo(part);

        String older = "{\"v\":1,\"dedupKey\":\"m:1:1\",\"linkId\":\"cmcc-1\",\"carrier\":\"CMCC\","
                + "\"recipients\":[{\"messageId\":\"m\",\"phone\":\"13800138000\"}],\"segmentNumber\":1,"
                + "\"segmentCount\":1,\"reference\":3,\"text\":\"t\",\"attempt\":1}";
        OutboundSubmit read = SmsJson.read(older.getBytes(StandardCharsets.UTF_8), OutboundSubmit.class);
        assertThat(read.lastError()).isNull();
        assertThat(read.waitingSince()).isNull();
        assertThat(read.attempt()).isEqualTo(1);
        assertThat(read.throttles()).isZero();
        assertThat(read.carrierLinkId()).isNull();
    }

    @Test
    void theCarrierLinkIdOfAReplyTravelsFromMoToPartAndOlderRecordsReadWithout() {
        MoMessage mo = new MoMessage(MoMessage.VERSION, "13800138000", "1069012345601", "1", Carrier.CMCC, "cmcc-1",
                Instant.parse("2026-11-28T12:00:00Z"), "123", "LNK0123456789ABCDEFG");
        assertThat(SmsJson.read(SmsJson.write(mo), MoMessage.class)).isEqualTo(mo);
        String olderMo = "{\"v\":1,\"phone\":\"13800138000\",\"destination\":\"1069012345601\",\"text\":\"1\","
                + "\"carrier\":\"CMCC\",\"linkId\":\"cmcc-1\",\"at\":\"2026-11-28T12:00:00Z\"}";
        assertThat(SmsJson.read(olderMo.getBytes(StandardCharsets.UTF_8), MoMessage.class).carrierLinkId()).isNull();

        AcceptedMessage reply = new AcceptedMessage(AcceptedMessage.VERSION, "m", "app", MessageType.NOTIFICATION,
                "13800138000", "t", "10690123456", 1, null, Instant.parse("2026-11-28T12:00:00Z"), null, null, 0, false,
                mo.carrierLinkId());
        AcceptedMessage read = SmsJson.read(SmsJson.write(reply.rerouted()), AcceptedMessage.class);
        assertThat(read.carrierLinkId()).isEqualTo("LNK0123456789ABCDEFG");
        String olderAccepted = "{\"v\":1,\"messageId\":\"m\",\"appId\":\"app\",\"type\":\"NOTIFICATION\","
                + "\"phone\":\"13800138000\",\"text\":\"t\",\"sourceAddr\":\"10690123456\",\"segments\":1}";
        assertThat(SmsJson.read(olderAccepted.getBytes(StandardCharsets.UTF_8), AcceptedMessage.class).carrierLinkId())
                .isNull();

        OutboundSubmit part = new OutboundSubmit(OutboundSubmit.VERSION, "m:1:1", "cmcc-1", Carrier.CMCC,
                List.of(new Recipient("m", "13800138000")), "10690123456", 1, 1, 9, "t", 1, null, null)
                .withCarrierLinkId(read.carrierLinkId());
        OutboundSubmit retried = part.nextAttempt("m:1:2", part.recipients(), null, "CMPP:8", true)
                .parked(Instant.parse("2026-11-28T12:01:00Z"), "NO_LINK", Instant.parse("2026-11-28T12:00:30Z"))
                .onLink("cmcc-2").dueAt(null).alone(part.recipients().get(0), "m:1:3");
        assertThat(SmsJson.read(SmsJson.write(retried), OutboundSubmit.class).carrierLinkId())
                .as("every next attempt of a reply part keeps the LinkID").isEqualTo("LNK0123456789ABCDEFG");
    }

    @Test
    void flowControlRefusalsAreCountedApartFromFailedAttempts() {
        OutboundSubmit first = new OutboundSubmit(OutboundSubmit.VERSION, "m:1:1", "ctcc-1", Carrier.CTCC,
                List.of(new Recipient("m", "18912345678")), "10690123456", 1, 1, 9, "text", 1,
                Instant.parse("2026-11-28T12:00:00Z"), null);
        Instant later = Instant.parse("2026-11-28T11:00:00Z");
        OutboundSubmit throttled = first.nextAttempt("m:1:2", first.recipients(), later, "SMGP:1", true);
        OutboundSubmit failed = throttled.nextAttempt("m:1:3", first.recipients(), later, "SMGP:9", false);

        assertThat(throttled.attempt()).isEqualTo(2);
        assertThat(throttled.failedAttempts()).isZero();
        assertThat(failed.attempt()).isEqualTo(3);
        assertThat(failed.throttles()).isEqualTo(1);
        assertThat(failed.failedAttempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("SMGP:9");
    }

    @Test
    void acceptedMessageRerouteDefaultsToZeroAndRoundTrips() {
        AcceptedMessage message = new AcceptedMessage(AcceptedMessage.VERSION, "m", "app", MessageType.NOTIFICATION,
                "13800138000", "t", "10690123456", 1, null, Instant.parse("2026-11-28T12:00:00Z"), null, null);
        assertThat(message.reroute()).isZero();
        assertThat(SmsJson.read(SmsJson.write(message.rerouted()), AcceptedMessage.class).reroute()).isEqualTo(1);
    }

    @Test
    void malformedValueIsAnIllegalArgument() {
        assertThatThrownBy(() -> SmsJson.read("{not json".getBytes(StandardCharsets.UTF_8), StatusEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed StatusEvent");
    }

    @Test
    void messageIdsAreWellFormedAndDistinct() {
        String a = MessageIds.next();
        String b = MessageIds.next();
        assertThat(a).isNotEqualTo(b);
        assertThat(MessageIds.isWellFormed(a)).isTrue();
        assertThat(MessageIds.isWellFormed("../etc/passwd")).isFalse();
    }
}
