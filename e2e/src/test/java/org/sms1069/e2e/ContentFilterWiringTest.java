package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every send passes the content filter: marketing is refused with 422 and the rule that fired, the
 * block lands in the compliance log (masked phone, full text, spans), and a reviewer's false-positive
 * verdict lets the same text through next time.
 */
class ContentFilterWiringTest {
    private static final String MARKETING = "【示例科技】双11大促全场5折，进店领取优惠券，回T退订";
    private static Platform platform;
    private static SignedClient app;
    private static SignedClient reviewer;

    @BeforeAll
    static void start() {
        platform = new Platform(Duration.ofMillis(100));
        app = platform.onboardApp("Filter", "71", "示例科技");
        SignedClient.Response key = platform.admin().post("/admin/v1/reviewers", Map.of());
        reviewer = new SignedClient(platform.apiUrl(), key.body().get("keyId").asText(), key.body().get("keySecret").asText());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void marketingIsBlockedLoggedAndAFalsePositiveVerdictLetsItThrough() {
        SignedClient.Response refused = app.post("/v1/messages",
                Map.of("phones", List.of("13700137000"), "text", MARKETING, "type", "NOTIFICATION"));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().get("code").asText()).isEqualTo("CONTENT_BLOCKED");
        assertThat(refused.body().get("category").asText()).isEqualTo("MARKETING");
        assertThat(refused.body().get("ruleIds")).isNotEmpty();
        assertThat(refused.body().get("spans")).isNotEmpty();

        JsonNode entry = awaitLogEntry();
        assertThat(entry.get("maskedPhones").get(0).asText()).isEqualTo("137****7000");
        assertThat(entry.get("text").asText()).isEqualTo(MARKETING);
        assertThat(entry.get("category").asText()).isEqualTo("MARKETING");
        JsonNode span = entry.get("spans").get(0);
        assertThat(MARKETING.substring(span.get("start").asInt(), span.get("end").asInt())).isEqualTo(span.get("matched").asText());
        assertThat(entry.get("reviewState").asText()).isEqualTo("UNREVIEWED");
        assertThat(entry.get("modelVersion").asText()).startsWith("marketing-");
        assertThat(entry.get("marketingScore").asDouble()).isBetween(0.0, 1.0);

        SignedClient.Response reviewed = reviewer.post("/compliance/v1/blocked/" + entry.get("id").asLong() + "/review",
                Map.of("decision", "FALSE_POSITIVE", "comment", "customer's own event, agreed with the carrier"));
        assertThat(reviewed.status()).as(reviewed.body().toString()).isEqualTo(200);
        assertThat(reviewed.body().get("reviewState").asText()).isEqualTo("FALSE_POSITIVE");

        SignedClient.Response again = app.post("/v1/messages",
                Map.of("phones", List.of("13700137001"), "text", MARKETING, "type", "NOTIFICATION"));
        assertThat(again.status()).as(again.body().toString()).isEqualTo(202);
    }

    @Test
    void aVerificationCodeAndAShippingNoticePass() {
        assertThat(app.post("/v1/messages", Map.of("phones", List.of("13600136000"),
                "text", "【示例科技】您的验证码是 730215，5分钟内有效，请勿泄露。", "type", "VERIFICATION")).status()).isEqualTo(202);
        assertThat(app.post("/v1/messages", Map.of("phones", List.of("13600136001"),
                "text", "【示例科技】您的订单已发货，快递单号SF1234567890，请注意查收。", "type", "NOTIFICATION")).status()).isEqualTo(202);
    }

    @Test
    void theLogIsForReviewersOnly() {
        SignedClient.Response denied = app.get("/compliance/v1/blocked");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    private static JsonNode awaitLogEntry() {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            SignedClient.Response page = reviewer.get("/compliance/v1/blocked?category=MARKETING&q=%E5%8F%8C11");
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            assertThat(page.body().get("entries")).isNotEmpty();
            found[0] = page.body().get("entries").get(0);
        });
        return found[0];
    }
}
