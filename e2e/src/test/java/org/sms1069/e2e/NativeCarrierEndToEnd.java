package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.OnDemandMo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One carrier over its native protocol end to end: REST -> router -> gateway -> TCP -> simulator -> submit
 * answer and status report -> sms.status -> DELIVERED, including the carrier's bad days. A protocol supplies
 * its simulator, its link and phone numbers of its carrier.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NativeCarrierEndToEnd {
    private NettySimulator<?, ?> carrier;
    private Platform platform;
    private SignedClient app;

    /** The carrier's simulator, reports after 200 ms, all DELIVRD. */
    protected abstract NettySimulator<?, ?> startSimulator();

    /** The platform's link to {@code sim}. */
    protected abstract Platform.Link link(NettySimulator<?, ?> sim);

    protected abstract String carrier();

    /** A phone of this carrier's number segments, ending in {@code suffix} (two digits). */
    protected abstract String phone(String suffix);

    /** Whether the link's protocol carries an on-demand MO's LinkID (CMPP 3.0, SMGP; not CMPP 2.0). */
    protected boolean carriesLinkId() {
        return carrier instanceof OnDemandMo;
    }

    /** Whether the simulator can send a report before the submit answer. */
    protected boolean reportsBeforeResponse() {
        return true;
    }

    @BeforeAll
    void start() {
        carrier = startSimulator();
        platform = new Platform(Duration.ofMillis(200), List.of(link(carrier)));
        app = platform.onboardApp(carrier() + "Demo", "77", "示例科技");
        await().atMost(Duration.ofSeconds(30)).until(() -> carrier.loggedInSessions() >= 1);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {platform, carrier}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void verificationCodeIsDelivered() {
        String phone = phone("01");
        String text = "【示例科技】您的验证码是 271828，5分钟内有效。";
        String id = send(phone, text, "VERIFICATION", 1);

        JsonNode status = awaitStatus(id, "DELIVERED");

        assertThat(status.get("rawStat").asText()).isEqualTo("DELIVRD");
        assertThat(status.get("carrier").asText()).isEqualTo(carrier());
        String carrierId = status.get("carrierMessageIds").get(0).asText();
        AcceptedSubmit submit = carrier.submits().stream().filter(s -> s.messageIds().contains(carrierId)).findFirst().orElseThrow();
        assertThat(submit.protocol()).as("the wire protocol").isEqualTo(link(carrier).protocol());
        assertThat(submit.destinations()).containsExactly(phone);
        assertThat(submit.sourceAddr()).isEqualTo("1069012345677");
        assertThat(submit.text()).isEqualTo(text);
        assertThat(submit.format()).isEqualTo(8);
        assertThat(submit.registeredDelivery()).as("status report requested").isEqualTo(1);
    }

    @Test
    void threePartMessageIsDeliveredWhenAllPartsAre() {
        String phone = phone("02");
        String text = "【示例科技】" + "您的包裹已到达驿站，请凭取件码领取，超过三天未取将退回寄件人。".repeat(5);
        String id = send(phone, text, "NOTIFICATION", 3);

        awaitDeliveredParts(id, 3);
        JsonNode status = awaitStatus(id, "DELIVERED");

        assertThat(status.get("segments").asInt()).isEqualTo(3);
        assertThat(status.get("carrierMessageIds")).hasSize(3);
        List<AcceptedSubmit> parts = new ArrayList<>(carrier.submits().stream().filter(s -> s.destinations().contains(phone)).toList());
        parts.sort(Comparator.comparingInt(AcceptedSubmit::number));
        assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.total()).isEqualTo(3));
        assertThat(String.join("", parts.stream().map(AcceptedSubmit::text).toList())).isEqualTo(text);
    }

    @Test
    void identicalTextToSeveralPhonesSharesSubmitsAndEveryPhoneEndsDelivered() {
        List<String> phones = IntStream.rangeClosed(21, 24).mapToObj(i -> phone(String.valueOf(i))).toList();
        SignedClient.Response sent = app.post("/v1/messages", Map.of("phones", phones, "text", "【示例科技】您的快递已签收。",
                "type", "NOTIFICATION"));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        sent.body().get("messages").forEach(m -> ids.add(m.get("messageId").asText()));

        // SGIP and SMGP give one id to all recipients of a submit: each receipt must still find its own phone
        ids.forEach(id -> awaitStatus(id, "DELIVERED"));
        List<AcceptedSubmit> submits = carrier.submits().stream()
                .filter(s -> s.destinations().stream().anyMatch(phones::contains)).toList();
        assertThat(submits.stream().flatMap(s -> s.destinations().stream()).toList())
                .as("each phone once").containsExactlyInAnyOrderElementsOf(phones);
        assertThat(submits).as("recipients batched into a multi-destination submit")
                .anySatisfy(s -> assertThat(s.destinations()).hasSizeGreaterThan(1));
    }

    @Test
    void reportArrivingBeforeTheSubmitResponseStillEndsDelivered() {
        if (!reportsBeforeResponse()) {
            return;
        }
        carrier.reportBeforeResponse(true);
        try {
            String id = send(phone("03"), "【示例科技】您预约的服务已确认。", "NOTIFICATION", 1);
            assertThat(awaitStatus(id, "DELIVERED").get("rawStat").asText()).isEqualTo("DELIVRD");
        } finally {
            carrier.reportBeforeResponse(false);
        }
    }

    @Test
    void droppedConnectionMidWindowLosesNothingAndSendsNothingTwice() throws InterruptedException {
        List<String> phones = IntStream.rangeClosed(11, 15).mapToObj(i -> phone(String.valueOf(i))).toList();
        carrier.stallResponses(true);
        List<String> ids = new ArrayList<>();
        try {
            for (String phone : phones) {
                ids.add(send(phone, "【示例科技】您的账单已出，请及时查看。", "NOTIFICATION", 1));
            }
            // what is in the window now is what the consumer's first batch brought; the rest waits in Kafka
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.heldResponses() >= 1);
            Thread.sleep(500);
            carrier.dropConnections();
        } finally {
            carrier.stallResponses(false);
        }

        ids.forEach(id -> awaitStatus(id, "DELIVERED"));
        List<String> received = carrier.submits().stream().flatMap(s -> s.destinations().stream()).filter(phones::contains)
                .toList();
        assertThat(received).as("each phone got the message exactly once").containsExactlyInAnyOrderElementsOf(phones);
    }

    @Test
    void theAnswerToAnOnDemandReplySendsTheCarriersLinkIdBack() {
        if (!(carrier instanceof OnDemandMo onDemand)) {
            return; // SGIP 1.2 has no LinkID
        }
        String phone = phone("31");
        String linkId = "LNK" + carrier() + "2026112810540";
        onDemand.injectMo("86" + phone, "1069012345677", "1", linkId);
        long moId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode mo : app.get("/v1/mo?limit=200").body().get("messages")) {
                if (mo.get("phone").asText().equals(phone)) {
                    return mo.get("id").asLong();
                }
            }
            return null;
        }, java.util.Objects::nonNull);

        SignedClient.Response sent = app.post("/v1/messages", Map.of("phones", List.of(phone),
                "text", "【示例科技】已为您办理，感谢回复。", "type", "NOTIFICATION", "inReplyTo", moId));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        String id = sent.body().get("messages").get(0).get("messageId").asText();
        String carrierId = awaitStatus(id, "DELIVERED").get("carrierMessageIds").get(0).asText();

        AcceptedSubmit answer = carrier.submits().stream().filter(s -> s.messageIds().contains(carrierId)).findFirst().orElseThrow();
        assertThat(answer.destinations()).containsExactly(phone);
        assertThat(answer.linkId()).as("the LinkID on the wire").isEqualTo(carriesLinkId() ? linkId : "");
    }

    private String send(String phone, String text, String type, int segments) {
        SignedClient.Response sent = app.post("/v1/messages", Map.of("phones", List.of(phone), "text", text, "type", type));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        JsonNode accepted = sent.body().get("messages").get(0);
        assertThat(accepted.get("carrier").asText()).isEqualTo(carrier());
        assertThat(accepted.get("segments").asInt()).isEqualTo(segments);
        return accepted.get("messageId").asText();
    }

    private void awaitDeliveredParts(String id, int parts) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            SignedClient.Response response = app.get("/v1/messages/" + id);
            List<Integer> delivered = new ArrayList<>();
            response.body().get("timeline").forEach(e -> {
                if (e.get("status").asText().equals("DELIVERED")) {
                    delivered.add(e.get("segment").asInt());
                }
            });
            assertThat(delivered).as(response.body().toString())
                    .containsExactlyInAnyOrder(IntStream.rangeClosed(1, parts).boxed().toArray(Integer[]::new));
        });
    }

    private JsonNode awaitStatus(String id, String expected) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            SignedClient.Response response = app.get("/v1/messages/" + id);
            assertThat(response.status()).isEqualTo(200);
            last[0] = response.body();
            assertThat(response.body().get("status").asText()).as(response.body().toString()).isEqualTo(expected);
        });
        return last[0];
    }
}
