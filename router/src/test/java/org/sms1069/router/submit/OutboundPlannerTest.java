package org.sms1069.router.submit;

import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageType;
import org.sms1069.model.Protocol;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundPlannerTest {
    private static final LinkSettings LINK = new LinkSettings("cmcc-1", Carrier.CMCC, Protocol.CMPP30, "127.0.0.1", 7890,
            "901234", "secret", "MXX0010101", "10690123456", 1, 16, 100, 100, 0, 0, null, null, null);
    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void shortMessageIsOnePartWithTheWholeText() {
        String text = "【示例】您的验证码是123456，5分钟内有效。";

        List<OutboundSubmit> parts = OutboundPlanner.plan(message("m-1", text), LINK);

        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.v()).isEqualTo(OutboundSubmit.VERSION);
            assertThat(part.dedupKey()).isEqualTo("m-1:1:1");
            assertThat(part.linkId()).isEqualTo("cmcc-1");
            assertThat(part.carrier()).isEqualTo(Carrier.CMCC);
            assertThat(part.recipients()).containsExactly(new Recipient("m-1", "13800138000"));
            assertThat(part.sourceAddr()).isEqualTo("1069012345601");
            assertThat(part.segmentNumber()).isEqualTo(1);
            assertThat(part.segmentCount()).isEqualTo(1);
            assertThat(part.text()).isEqualTo(text);
            assertThat(part.attempt()).isEqualTo(1);
            assertThat(part.expiresAt()).isEqualTo(EXPIRES);
            assertThat(part.notBefore()).isNull();
        });
    }

    @Test
    void longMessageIsSplitIntoPartsSharingOneReference() {
        String text = "【示例】" + "长".repeat(67 * 3 - 4);

        List<OutboundSubmit> parts = OutboundPlanner.plan(message("m-long", text), LINK);

        assertThat(parts).hasSize(3);
        assertThat(parts).extracting(OutboundSubmit::dedupKey).containsExactly("m-long:1:1", "m-long:2:1", "m-long:3:1");
        assertThat(parts).extracting(OutboundSubmit::segmentNumber).containsExactly(1, 2, 3);
        assertThat(parts).extracting(OutboundSubmit::segmentCount).containsOnly(3);
        assertThat(parts).extracting(OutboundSubmit::reference).containsOnly(parts.get(0).reference());
        assertThat(parts).allSatisfy(part -> assertThat(part.text()).hasSize(67));
        assertThat(String.join("", parts.stream().map(OutboundSubmit::text).toList())).isEqualTo(text);
    }

    @Test
    void seventyCharactersStillFitOneSmsAndSeventyOneDoNot() {
        assertThat(OutboundPlanner.plan(message("m-70", "字".repeat(70)), LINK)).hasSize(1);
        assertThat(OutboundPlanner.plan(message("m-71", "字".repeat(71)), LINK)).hasSize(2);
    }

    @Test
    void referenceIsOneByteNeverZeroAndStableForTheSameId() {
        IntStream.range(0, 10_000).mapToObj(i -> "msg-" + i).forEach(id -> {
            int reference = OutboundPlanner.udhReference(id);
            assertThat(reference).isBetween(1, 255);
            assertThat(OutboundPlanner.udhReference(id)).isEqualTo(reference);
        });
        assertThat(IntStream.range(0, 10_000).map(i -> OutboundPlanner.udhReference("msg-" + i)).distinct().count())
                .as("references spread over the byte").isEqualTo(255);
    }

    @Test
    void planningTheSameMessageTwiceGivesTheSameParts() {
        AcceptedMessage message = message("m-again", "【示例】" + "重".repeat(100));

        assertThat(OutboundPlanner.plan(message, LINK)).isEqualTo(OutboundPlanner.plan(message, LINK));
    }

    @Test
    void everyPartOfAReplyCarriesTheLinkIdOfItsMo() {
        AcceptedMessage reply = message("m-reply", "【示例】" + "回".repeat(100));
        AcceptedMessage withLinkId = new AcceptedMessage(reply.v(), reply.messageId(), reply.appId(), reply.type(),
                reply.phone(), reply.text(), reply.sourceAddr(), reply.segments(), reply.clientRef(), reply.acceptedAt(),
                reply.expiresAt(), reply.sendAt(), reply.reroute(), reply.sealed(), "13800000000LNK000042");

        assertThat(OutboundPlanner.plan(withLinkId, LINK)).hasSize(2)
                .extracting(OutboundSubmit::carrierLinkId).containsOnly("13800000000LNK000042");
        assertThat(OutboundPlanner.plan(reply, LINK)).extracting(OutboundSubmit::carrierLinkId).containsOnlyNulls();
    }

    private static AcceptedMessage message(String id, String text) {
        return new AcceptedMessage(AcceptedMessage.VERSION, id, "app-1", MessageType.VERIFICATION, "13800138000", text,
                "1069012345601", 0, "ref-1", Instant.parse("2029-12-31T00:00:00Z"), EXPIRES, null);
    }
}
