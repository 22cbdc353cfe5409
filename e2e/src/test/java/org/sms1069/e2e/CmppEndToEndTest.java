package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.smpp.SmppSimulator;
import org.sms1069.carriersim.smpp.SmppSimulatorConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * China Mobile over CMPP 3.0 end to end: REST -> router -> gateway -> CMPP over TCP -> simulator -> SUBMIT_RESP
 * and status report -> sms.status -> DELIVERED, including the carrier's bad days.
 */
class CmppEndToEndTest {
    private static SmppSimulator smpp;
    private static CmppSimulator cmpp;
    private static Platform platform;
    private static SignedClient app;

    @BeforeAll
    static void start() {
        smpp = SmppSimulator.start(SmppSimulatorConfig.builder().port(0).receiptDelay(Duration.ofMillis(200)).build());
        cmpp = CmppSimulator.start(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(200), Map.of("DELIVRD", 1), null));
        platform = new Platform(smpp, List.of(new Platform.Link("CMCC", "CMPP30", cmpp.port(),
                cmpp.config().account(), cmpp.config().password())));
        app = platform.onboardApp("CmppDemo", "77", "示例科技");
        await().atMost(Duration.ofSeconds(30)).until(() -> cmpp.loggedInSessions() == 1);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (cmpp != null) {
            cmpp.close();
        }
        if (smpp != null) {
            smpp.close();
        }
    }

    @Test
    void verificationCodeIsDeliveredOverCmpp30() {
        String text = "【示例科技】您的验证码是 271828，5分钟内有效。";
        String id = send("13800138101", text, "VERIFICATION", 1);

        JsonNode status = awaitStatus(id, "DELIVERED");

        assertThat(status.get("rawStat").asText()).isEqualTo("DELIVRD");
        assertThat(status.get("carrier").asText()).isEqualTo("CMCC");
        String carrierId = status.get("carrierMessageIds").get(0).asText();
        AcceptedSubmit submit = cmpp.submits().stream().filter(s -> s.messageIds().contains(carrierId)).findFirst().orElseThrow();
        assertThat(submit.destinations()).containsExactly("13800138101");
        assertThat(submit.sourceAddr()).isEqualTo("1069012345677");
        assertThat(submit.text()).isEqualTo(text);
        assertThat(submit.format()).isEqualTo(8);
        assertThat(submit.registeredDelivery()).isEqualTo(1);
    }

    @Test
    void threePartMessageIsDeliveredWhenAllPartsAre() {
        String text = "【示例科技】" + "您的包裹已到达驿站，请凭取件码领取，超过三天未取将退回寄件人。".repeat(5);
        String id = send("13800138102", text, "NOTIFICATION", 3);

        JsonNode status = awaitDeliveredParts(id, 3);
        assertThat(awaitStatus(id, "DELIVERED").get("segments").asInt()).isEqualTo(3);

        assertThat(status.get("carrierMessageIds")).hasSize(3);
        List<AcceptedSubmit> parts = new ArrayList<>(cmpp.submits().stream()
                .filter(s -> s.destinations().contains("13800138102")).toList());
        parts.sort(Comparator.comparingInt(AcceptedSubmit::number));
        assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.total()).isEqualTo(3));
        assertThat(String.join("", parts.stream().map(AcceptedSubmit::text).toList())).isEqualTo(text);
    }

    @Test
    void reportArrivingBeforeTheSubmitResponseStillEndsDelivered() {
        cmpp.reportBeforeResponse(true);
        try {
            String id = send("13800138103", "【示例科技】您预约的服务已确认。", "NOTIFICATION", 1);
            assertThat(awaitStatus(id, "DELIVERED").get("rawStat").asText()).isEqualTo("DELIVRD");
        } finally {
            cmpp.reportBeforeResponse(false);
        }
    }

    @Test
    void droppedConnectionMidWindowLosesNothingAndSendsNothingTwice() throws InterruptedException {
        List<String> phones = List.of("13800138111", "13800138112", "13800138113", "13800138114", "13800138115");
        cmpp.stallResponses(true);
        List<String> ids = new ArrayList<>();
        try {
            for (String phone : phones) {
                ids.add(send(phone, "【示例科技】您的账单已出，请及时查看。", "NOTIFICATION", 1));
            }
            // the gateway's consumer waits for a batch's answers before it polls again: what is in the window now
            // is what the first batch brought; the rest waits in Kafka
            await().atMost(Duration.ofSeconds(30)).until(() -> cmpp.heldResponses() >= 1);
            Thread.sleep(500);
            cmpp.dropConnections();
        } finally {
            cmpp.stallResponses(false);
        }

        ids.forEach(id -> awaitStatus(id, "DELIVERED"));
        List<AcceptedSubmit> received = cmpp.submits().stream()
                .filter(s -> phones.contains(s.destinations().get(0))).toList();
        assertThat(received.stream().map(s -> s.destinations().get(0)).toList())
                .as("each phone got the message exactly once").containsExactlyInAnyOrderElementsOf(phones);
    }

    private static String send(String phone, String text, String type, int segments) {
        SignedClient.Response sent = app.post("/v1/messages", Map.of("phones", List.of(phone), "text", text, "type", type));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        JsonNode accepted = sent.body().get("messages").get(0);
        assertThat(accepted.get("carrier").asText()).isEqualTo("CMCC");
        assertThat(accepted.get("segments").asInt()).isEqualTo(segments);
        return accepted.get("messageId").asText();
    }

    private static JsonNode awaitDeliveredParts(String id, int parts) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            SignedClient.Response response = app.get("/v1/messages/" + id);
            last[0] = response.body();
            List<Integer> delivered = new ArrayList<>();
            response.body().get("timeline").forEach(e -> {
                if (e.get("status").asText().equals("DELIVERED")) {
                    delivered.add(e.get("segment").asInt());
                }
            });
            assertThat(delivered).as(response.body().toString()).containsExactlyInAnyOrder(
                    java.util.stream.IntStream.rangeClosed(1, parts).boxed().toArray(Integer[]::new));
        });
        return last[0];
    }

    private static JsonNode awaitStatus(String id, String expected) {
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
