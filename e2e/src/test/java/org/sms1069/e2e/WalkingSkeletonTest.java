package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.smpp.ReceivedSubmit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One message end to end: REST -> sms.submit -> router -> sms.out.<link> -> gateway -> SMPP over TCP
 * -> simulator -> submit_sm_resp and receipt -> sms.status -> PostgreSQL -> GET shows DELIVERED.
 */
class WalkingSkeletonTest {
    private static Platform platform;
    private static SignedClient app;

    @BeforeAll
    static void start() {
        platform = new Platform(Duration.ofMillis(200));
        app = platform.onboardApp("Demo", "88", "示例科技");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void verificationCodeIsDeliveredWithCarrierIdRawStatAndTimeline() {
        String text = "【示例科技】您的验证码是 482913，5分钟内有效，请勿泄露。";
        SignedClient.Response sent = app.post("/v1/messages",
                Map.of("phones", List.of("+86 138 0013 8000"), "text", text, "type", "VERIFICATION"));

        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        JsonNode accepted = sent.body().get("messages").get(0);
        assertThat(accepted.get("phone").asText()).isEqualTo("13800138000");
        assertThat(accepted.get("carrier").asText()).isEqualTo("CMCC");
        assertThat(accepted.get("segments").asInt()).isEqualTo(1);
        String id = accepted.get("messageId").asText();

        JsonNode status = awaitStatus(id, "DELIVERED");
        assertThat(status.get("carrier").asText()).isEqualTo("CMCC");
        assertThat(status.get("rawStat").asText()).isEqualTo("DELIVRD");
        assertThat(status.get("carrierMessageIds")).hasSize(1);
        List<String> timeline = new ArrayList<>();
        status.get("timeline").forEach(e -> timeline.add(e.get("status").asText()));
        assertThat(timeline).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(status.get("timeline").get(1).get("linkId").asText()).isEqualTo(platform.linkId("CMCC"));

        ReceivedSubmit submit = platform.smpp().submits().stream()
                .filter(s -> s.messageId().equals(status.get("carrierMessageIds").get(0).asText()))
                .findFirst().orElseThrow();
        assertThat(submit.destinationAddr()).isEqualTo("8613800138000");
        assertThat(submit.sourceAddr()).isEqualTo("1069012345688");
        assertThat(submit.text()).isEqualTo(text);
        assertThat(submit.registeredDelivery()).isEqualTo(1);
    }

    @Test
    void longMessageGoesOutInThreePartsAndIsDeliveredWhenAllAre() {
        String text = "【示例科技】" + "您的订单已发货，快递单号将稍后通过短信通知，请保持手机畅通。".repeat(5);
        SignedClient.Response sent = app.post("/v1/messages",
                Map.of("phones", List.of("18612345678"), "text", text, "type", "NOTIFICATION"));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        JsonNode accepted = sent.body().get("messages").get(0);
        assertThat(accepted.get("segments").asInt()).isEqualTo(3);
        assertThat(accepted.get("carrier").asText()).isEqualTo("CUCC");

        JsonNode status = awaitStatus(accepted.get("messageId").asText(), "DELIVERED");
        assertThat(status.get("carrierMessageIds")).hasSize(3);
        assertThat(status.get("segments").asInt()).isEqualTo(3);
        List<ReceivedSubmit> parts = platform.smpp().submits().stream().filter(s -> s.destinationAddr().equals("8618612345678")).toList();
        assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.concatenated()).isTrue());
        assertThat(String.join("", parts.stream()
                .sorted((a, b) -> Integer.compare(a.concatenation().number(), b.concatenation().number()))
                .map(ReceivedSubmit::text).toList())).isEqualTo(text);
    }

    @Test
    void invalidPhonesAreListedAndAnUnsignedRequestIsRefused() {
        SignedClient.Response sent = app.post("/v1/messages", Map.of(
                "phones", List.of("13900139000", "1440012345678", "12345"),
                "text", "【示例科技】您预约的服务已确认，时间为明天上午10点。", "type", "NOTIFICATION"));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.body().get("messages")).hasSize(1);
        assertThat(sent.body().get("rejected")).hasSize(2);

        SignedClient stranger = new SignedClient(platform.apiUrl(), "AKUNKNOWN", "nope");
        SignedClient.Response refused = stranger.get("/v1/messages/" + sent.body().get("messages").get(0).get("messageId").asText());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void openApiDocumentDescribesTheSendEndpoint() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.apiUrl() + "/v3/api-docs")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"/v1/messages\"").contains("X-Sms-Signature");
    }

    private static JsonNode awaitStatus(String id, String expected) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            SignedClient.Response response = app.get("/v1/messages/" + id);
            assertThat(response.status()).isEqualTo(200);
            last[0] = response.body();
            assertThat(response.body().get("status").asText()).isEqualTo(expected);
        });
        return last[0];
    }
}
