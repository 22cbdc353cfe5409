package org.sms1069.api.complaints;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiKey;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.verification.TestApps;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Carrier;
import org.sms1069.model.Topics;
import org.sms1069.model.event.MoMessage;
import org.sms1069.testkit.TestKafka;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Complaints through the REST API and from replies, over real PostgreSQL, Kafka and Redis: matching to the
 * message, the do-not-send list, suspension at the configured rate, 403 SENDER_SUSPENDED, the lift, the
 * audit trail and the rate gauge.
 */
class ComplaintsTest {
    private static RunningApi api;
    private static ApiKey reviewer;
    private static Publisher publisher;

    @BeforeAll
    static void start() {
        // a signature is suspended at 2 complaints when they are at least 40 % of what it sent in the window
        api = RunningApi.start("sms.complaints.suspend-per-million=400000", "sms.complaints.min-complaints=2",
                "sms.complaints.metrics-interval=200ms");
        JsonNode key = TestApps.post(api, RunningApi.ADMIN, "/admin/v1/reviewers", Map.of()).expect(201).body();
        reviewer = new ApiKey(key.get("keyId").asText(), key.get("keySecret").asText());
        publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "complaints-test"));
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aComplaintIsMatchedToTheMessageAndPutsThePhoneOnTheAppsDoNotSendList() {
        RunningApi.TestApp app = TestApps.onboard(api, "Matched", "", "匹配科技", Map.of("textAllowed", true));
        RunningApi.TestApp other = TestApps.onboard(api, "Other sender", "", "别家科技", Map.of("textAllowed", true));
        String phone = Phones.unique("138");
        String messageId = send(app, phone, "您的订单已发货，请注意查收。", "NOTIFICATION").expect(202)
                .body().get("messages").get(0).get("messageId").asText();
        // a later message of another app to the same phone: the excerpt picks the one complained about
        send(other, phone, "您的快递已到驿站。", "NOTIFICATION").expect(202);

        JsonNode recorded = complain(phone, "CARRIER", "CM-" + UUID.randomUUID(), "订单已发货").expect(201).body();

        JsonNode complaint = recorded.get("complaint");
        assertThat(complaint.get("messageId").asText()).isEqualTo(messageId);
        assertThat(complaint.get("appId").asText()).isEqualTo(app.appId());
        assertThat(complaint.get("signature").asText()).isEqualTo("匹配科技");
        assertThat(complaint.get("source").asText()).isEqualTo("CARRIER");
        assertThat(complaint.get("maskedPhone").asText()).doesNotContain(phone).endsWith(phone.substring(7));
        assertThat(complaint.get("createdBy").asText()).isEqualTo(reviewer.keyId());
        assertThat(recorded.get("suspensions")).isEmpty();

        TestApps.Answer notification = send(app, phone, "您的订单已签收。", "NOTIFICATION");
        assertThat(notification.status()).isEqualTo(422);
        assertThat(notification.body().get("code").asText()).isEqualTo("NO_VALID_RECIPIENT");
        assertThat(notification.body().get("rejected").get(0).get("code").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(send(app, phone, "台风预警：请减少外出。", "PUBLIC_WELFARE").status()).isEqualTo(422);
        send(app, phone, "您的验证码是482913，5分钟内有效。", "VERIFICATION").expect(202);
        // the other app was not complained about
        send(other, phone, "您的快递已签收。", "NOTIFICATION").expect(202);

        JsonNode listed = TestApps.call(api, reviewer, "GET", "/compliance/v1/complaints?appId=" + app.appId(), null)
                .expect(200).body();
        assertThat(listed.get("complaints").findValuesAsText("messageId")).containsExactly(messageId);
    }

    @Test
    void theSameCarrierReferenceIsRecordedOnceAndBadInputIsA400() {
        String phone = Phones.unique("139");
        String ref = "CU-" + UUID.randomUUID();
        JsonNode first = complain(phone, "REGULATOR", ref, null).expect(201).body().get("complaint");
        assertThat(first.get("appId")).as("no message to this phone: recorded unmatched").isNull();

        TestApps.Answer again = complain(phone, "REGULATOR", ref, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("complaintId").asLong()).isEqualTo(first.get("id").asLong());

        assertThat(complain("12345", "CARRIER", null, null).status()).isEqualTo(400);
        assertThat(complain(phone, "PIGEON", null, null).status()).isEqualTo(400);
        assertThat(TestApps.post(api, reviewer, "/compliance/v1/complaints",
                Map.of("phone", phone, "source", "OTHER", "time", Instant.now().plus(Duration.ofHours(1)).toString())).status())
                .isEqualTo(400);
        TestApps.Answer byApp = TestApps.post(api, TestApps.onboard(api, "Not a reviewer", "", "无权科技", Map.of()).key(),
                "/compliance/v1/complaints", Map.of("phone", phone, "source", "OTHER"));
        assertThat(byApp.status()).isEqualTo(403);
    }

    @Test
    void aSignatureWhoseRatePassesTheThresholdIsSuspendedUntilAReviewerLiftsIt() {
        RunningApi.TestApp app = TestApps.onboard(api, "Complained about", "", "投诉多多", Map.of("textAllowed", true));
        String quiet = approvedSignature(app, "安静科技");
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            phones.add(Phones.unique("186"));
            send(app, phones.get(i), "您的账单已出，请按时还款。", "REMINDER").expect(202);
        }
        // the app as a whole sent 6: 2 complaints are 33 %, below the 40 % limit; the signature's 100 % is not
        for (int i = 0; i < 4; i++) {
            sendSigned(app, quiet, Phones.unique("189"), "您的预约已确认。").expect(202);
        }

        assertThat(complain(phones.get(0), "CARRIER", null, null).expect(201).body().get("suspensions")).isEmpty();
        JsonNode second = complain(phones.get(1), "USER_REPLY", null, null).expect(201).body();

        assertThat(second.get("suspensions")).hasSize(1);
        JsonNode suspension = second.get("suspensions").get(0);
        assertThat(suspension.get("appId").asText()).isEqualTo(app.appId());
        assertThat(suspension.get("signature").asText()).isEqualTo("投诉多多");
        assertThat(suspension.get("complaints").asInt()).isEqualTo(2);
        assertThat(suspension.get("sent").asLong()).isEqualTo(2);
        assertThat(suspension.get("createdBy").asText()).isEqualTo("system");
        long id = suspension.get("id").asLong();

        TestApps.Answer refused = send(app, Phones.unique("138"), "您的订单已发货。", "NOTIFICATION");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asText()).isEqualTo("SENDER_SUSPENDED");
        assertThat(refused.body().get("scope").asText()).isEqualTo("SIGNATURE");
        assertThat(refused.body().get("suspensionId").asLong()).isEqualTo(id);
        assertThat(refused.body().get("detail").asText()).contains("投诉多多", "per million");
        sendSigned(app, quiet, Phones.unique("138"), "您的预约已确认。").expect(202);

        JsonNode active = TestApps.call(api, reviewer, "GET", "/compliance/v1/suspensions?appId=" + app.appId(), null)
                .expect(200).body();
        assertThat(active.get("suspensions").findValuesAsText("id")).containsExactly(String.valueOf(id));
        assertRateGauge(app.appId(), "投诉多多", 1_000_000.0);

        assertThat(TestApps.post(api, reviewer, "/compliance/v1/suspensions/" + id + "/lift", Map.of()).status()).isEqualTo(400);
        JsonNode lifted = TestApps.post(api, reviewer, "/compliance/v1/suspensions/" + id + "/lift",
                Map.of("reason", "the app removed the campaign list")).expect(200).body();
        assertThat(lifted.get("liftedBy").asText()).isEqualTo(reviewer.keyId());
        assertThat(lifted.get("liftReason").asText()).isEqualTo("the app removed the campaign list");
        assertThat(TestApps.post(api, reviewer, "/compliance/v1/suspensions/" + id + "/lift",
                Map.of("reason", "again")).status()).isEqualTo(404);

        send(app, Phones.unique("138"), "您的订单已发货。", "NOTIFICATION").expect(202);
        // the lift forgave the complaints before it: one more is not a pattern yet
        assertThat(complain(phones.get(0), "OTHER", null, null).expect(201).body().get("suspensions")).isEmpty();

        JsonNode trail = TestApps.call(api, reviewer, "GET", "/compliance/v1/audit?subjectType=SUSPENSION&subjectId=" + id, null)
                .expect(200).body().get("entries");
        assertThat(trail.findValuesAsText("action")).containsExactly("SUSPENSION_LIFTED", "SUSPENDED");
        assertThat(trail.get(1).get("actor").asText()).isEqualTo("system");
        assertThat(trail.get(1).has("before")).as("nothing before a new suspension").isFalse();
        assertThat(trail.get(1).get("after").get("active").asBoolean()).isTrue();
        assertThat(trail.get(0).get("actor").asText()).isEqualTo(reviewer.keyId());
        assertThat(trail.get(0).get("before").get("active").asBoolean()).isTrue();
        assertThat(trail.get(0).get("after").get("active").asBoolean()).isFalse();
        assertThat(trail.get(0).get("comment").asText()).isEqualTo("the app removed the campaign list");
    }

    @Test
    void aReviewerSuspendsAWholeAppByHand() {
        RunningApi.TestApp app = TestApps.onboard(api, "Suspended by hand", "", "人工暂停", Map.of("textAllowed", true));
        JsonNode made = TestApps.post(api, reviewer, "/compliance/v1/suspensions",
                Map.of("appId", app.appId(), "reason", "regulator notice 2026-118")).expect(201).body();
        assertThat(made.has("signature")).isFalse();
        assertThat(TestApps.post(api, reviewer, "/compliance/v1/suspensions",
                Map.of("appId", app.appId(), "reason", "twice")).status()).isEqualTo(409);
        assertThat(TestApps.post(api, reviewer, "/compliance/v1/suspensions",
                Map.of("appId", "app_nosuchapp", "reason", "x")).status()).isEqualTo(404);

        TestApps.Answer code = send(app, Phones.unique("138"), "您的验证码是482913，5分钟内有效。", "VERIFICATION");
        assertThat(code.status()).as("a suspended app sends no verification code either").isEqualTo(403);
        assertThat(code.body().get("code").asText()).isEqualTo("SENDER_SUSPENDED");
        TestApps.Answer text = send(app, Phones.unique("138"), "您的订单已发货。", "NOTIFICATION");
        assertThat(text.status()).isEqualTo(403);
        assertThat(text.body().get("scope").asText()).isEqualTo("APP");
    }

    @Test
    void aReplyWithAComplaintWordIsAComplaintAboutTheAppItAnswered() {
        RunningApi.TestApp app = TestApps.onboard(api, "Replied to", "4321", "回复科技", Map.of("textAllowed", true));
        String phone = Phones.unique("137");
        String messageId = send(app, phone, "您的会员积分已更新。", "NOTIFICATION").expect(202)
                .body().get("messages").get(0).get("messageId").asText();

        publisher.publish(Topics.MO, phone, new MoMessage(MoMessage.VERSION, phone, RunningApi.NUMBER + "4321",
                "天天发，我要 投 诉！", Carrier.CMCC, "cmcc-1", Instant.now().truncatedTo(ChronoUnit.MILLIS), null)).join();

        JsonNode complaint = await().atMost(Duration.ofSeconds(20)).until(() -> TestApps.call(api, reviewer, "GET",
                        "/compliance/v1/complaints?source=USER_REPLY&appId=" + app.appId(), null).expect(200).body().get("complaints"),
                list -> list.size() == 1).get(0);
        assertThat(complaint.get("messageId").asText()).isEqualTo(messageId);
        assertThat(complaint.get("excerpt").asText()).isEqualTo("天天发，我要 投 诉！");
        assertThat(complaint.get("moId").asLong()).isPositive();
        assertThat(send(app, phone, "您的会员积分已更新。", "NOTIFICATION").status()).isEqualTo(422);

        // an ordinary reply is no complaint
        publisher.publish(Topics.MO, phone, new MoMessage(MoMessage.VERSION, phone, RunningApi.NUMBER + "4321",
                "好的，谢谢", Carrier.CMCC, "cmcc-1", Instant.now().truncatedTo(ChronoUnit.MILLIS), null)).join();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> TestApps.call(api, reviewer, "GET",
                "/compliance/v1/complaints?appId=" + app.appId(), null).expect(200).body().get("complaints").size() == 1);
    }

    private static void assertRateGauge(String appId, String signature, double expected) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = http.send(HttpRequest.newBuilder(java.net.URI.create(api.managementUrl() + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("sms_api_complaint_rate_per_million\\{[^}]*app=\"" + appId + "\"[^}]*signature=\""
                    + signature + "\"[^}]*} " + java.util.regex.Pattern.quote(String.valueOf(expected)));
            assertThat(metrics).contains("sms_api_complaint_rate_threshold_per_million{service=\"api\"} 400000.0");
        });
    }

    private static TestApps.Answer complain(String phone, String source, String carrierRef, String excerpt) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("phone", phone);
        body.put("source", source);
        if (carrierRef != null) {
            body.put("carrierRef", carrierRef);
        }
        if (excerpt != null) {
            body.put("excerpt", excerpt);
        }
        return TestApps.post(api, reviewer, "/compliance/v1/complaints", body);
    }

    private static TestApps.Answer send(RunningApi.TestApp app, String phone, String text, String type) {
        return TestApps.post(api, app.key(), "/v1/messages", Map.of("phones", List.of(phone),
                "text", "【" + app.signature() + "】" + text, "type", type));
    }

    private static TestApps.Answer sendSigned(RunningApi.TestApp app, String signature, String phone, String text) {
        return TestApps.post(api, app.key(), "/v1/messages", Map.of("phones", List.of(phone),
                "text", "【" + signature + "】" + text, "type", "NOTIFICATION"));
    }

    private static String approvedSignature(RunningApi.TestApp app, String name) {
        String id = TestApps.post(api, RunningApi.ADMIN, "/admin/v1/apps/" + app.appId() + "/signatures", Map.of("name", name))
                .expect(201).body().get("id").asText();
        TestApps.post(api, reviewer, "/compliance/v1/signatures/" + id + "/review", Map.of("decision", "APPROVED")).expect(200);
        return name;
    }
}
