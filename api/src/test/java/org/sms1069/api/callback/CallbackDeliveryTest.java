package org.sms1069.api.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.verification.TestApps;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status callbacks from a status event on {@code sms.status} to the app's endpoint, with retries. */
class CallbackDeliveryTest {
    private static final String SIGNATURE = "示例科技";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningApi api;
    private static Publisher publisher;
    private static DatabaseClient db;

    @BeforeAll
    static void start() {
        api = RunningApi.start("sms.callbacks.poll-interval=100ms", "sms.callbacks.initial-backoff=200ms",
                "sms.callbacks.max-backoff=1s", "sms.callbacks.give-up-after=4s",
                // receivers on 127.0.0.1 only: the rest of the loopback network stays refused
                "sms.callbacks.allow-http=true", "sms.callbacks.allowed-networks=127.0.0.1/32");
        publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "callback-test"));
        db = api.bean(DatabaseClient.class);
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
    void aStatusChangeReachesTheAppSignedAfterTwoFailedAttempts() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start(2)) {
            RunningApi.TestApp app = appCallingBack("Callbacks", "41", receiver.url());
            String secret = TestApps.callbackSecret(api, app.appId());
            String phone = Phones.unique("138");
            String messageId = send(app, phone, "order-7");

            StatusEvent delivered = delivered(messageId, phone);
            publish(delivered);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);

            List<CallbackReceiver.Received> all = receiver.received();
            assertThat(all).extracting(CallbackReceiver.Received::answered).containsExactly(500, 500, 200);
            assertThat(all).allMatch(r -> r.signedWith(secret), "signed with the app's callback secret");
            assertThat(all).allMatch(r -> r.contentType().startsWith("application/json"));
            assertThat(Long.parseLong(all.get(0).timestamp())).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));

            JsonNode batch = JSON.readTree(receiver.accepted().get(0).body());
            assertThat(batch.get("kind").asText()).isEqualTo("STATUS");
            assertThat(batch.get("items")).hasSize(1);
            JsonNode item = batch.get("items").get(0);
            assertThat(item.get("callbackId").asLong()).isPositive();
            assertThat(item.get("messageId").asText()).isEqualTo(messageId);
            assertThat(item.get("phone").asText()).isEqualTo(phone);
            assertThat(item.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(item.get("carrier").asText()).isEqualTo("CMCC");
            assertThat(item.get("rawStat").asText()).isEqualTo("DELIVRD");
            assertThat(item.get("segments").asInt()).isEqualTo(1);
            assertThat(item.get("clientRef").asText()).isEqualTo("order-7");
            assertThat(Instant.parse(item.get("at").asText())).isEqualTo(delivered.at());

            Map<String, Object> row = db.sql("SELECT state, attempts, last_status FROM callbacks WHERE app_id = :app")
                    .bind("app", app.appId()).fetch().one().block();
            assertThat(row).containsEntry("state", "DELIVERED").containsEntry("attempts", 3).containsEntry("last_status", 200);
            List<Integer> attempts = db.sql("SELECT status FROM callback_attempts WHERE app_id = :app ORDER BY id")
                    .bind("app", app.appId()).map(r -> r.get("status", Integer.class)).all().collectList().block();
            assertThat(attempts).containsExactly(500, 500, 200);

            // a redelivered event changes nothing, so it is not called back again
            publish(delivered);
            Thread.sleep(1500);
            assertThat(count("SELECT count(*) FROM callbacks WHERE app_id = :app", app.appId())).isEqualTo(1);
            assertThat(receiver.received()).hasSize(3);
        }
    }

    @Test
    void aSlowAppDoesNotDelayAnother() {
        try (CallbackReceiver slow = CallbackReceiver.start(0); CallbackReceiver fast = CallbackReceiver.start(0)) {
            RunningApi.TestApp slowApp = appCallingBack("Slow", "42", slow.url());
            RunningApi.TestApp fastApp = appCallingBack("Fast", "43", fast.url());
            String slowPhone = Phones.unique("139");
            String fastPhone = Phones.unique("139");
            String slowMessage = send(slowApp, slowPhone, null);
            String fastMessage = send(fastApp, fastPhone, null);

            slow.hold();
            publish(delivered(slowMessage, slowPhone));
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.inFlight() == 1);

            publish(delivered(fastMessage, fastPhone));
            await().atMost(Duration.ofSeconds(4)).until(() -> fast.accepted().size() == 1);
            assertThat(slow.inFlight()).as("the slow app's callback is still waiting for its answer").isEqualTo(1);
            slow.release();
        }
    }

    @Test
    void anAppWithoutCallbackUrlGetsNoCallbacks() {
        RunningApi.TestApp app = TestApps.onboard(api, "Quiet", "44", SIGNATURE, Map.of("textAllowed", true));
        String phone = Phones.unique("186");
        String messageId = send(app, phone, null);
        publish(delivered(messageId, phone));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM messages WHERE id = :app AND status = 'DELIVERED'", messageId) == 1);
        assertThat(count("SELECT count(*) FROM callbacks WHERE app_id = :app", app.appId())).isZero();
    }

    @Test
    void anUnreachableAppIsGivenUpAfterTheRetryWindow() {
        RunningApi.TestApp app = appCallingBack("Unreachable", "45", "http://127.0.0.1:" + TestInfra.freePort() + "/callbacks");
        String phone = Phones.unique("189");
        publish(delivered(send(app, phone, null), phone));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM callbacks WHERE app_id = :app AND state = 'GAVE_UP'", app.appId()) == 1);
        Map<String, Object> row = db.sql("SELECT attempts, last_status, last_error FROM callbacks WHERE app_id = :app")
                .bind("app", app.appId()).fetch().one().block();
        assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2);
        assertThat(row.get("last_status")).isNull();
        assertThat((String) row.get("last_error")).isNotBlank();
        assertThat(count("SELECT count(*) FROM callback_attempts WHERE app_id = :app AND status IS NULL", app.appId()))
                .isEqualTo(((Integer) row.get("attempts")).longValue());
    }

    @Test
    void internalCallbackUrlsAreRefusedWhenSet() {
        RunningApi.TestApp app = TestApps.onboard(api, "Inside", "46", SIGNATURE, Map.of());
        for (String url : List.of("http://127.0.0.2/callbacks", "https://169.254.169.254/latest/meta-data",
                "https://10.1.2.3/cb", "https://172.16.0.1/cb", "https://192.168.1.10/cb", "https://100.64.0.1/cb",
                "https://224.0.0.1/cb", "https://0.0.0.0/cb", "https://[::ffff:10.0.0.1]/cb", "https://[fe80::1]/cb",
                "https://[fd00::1]/cb", "https://[::]/cb", "https://user@93.184.216.34/cb", "ftp://93.184.216.34/cb")) {
            TestApps.Answer answer = patch(app, java.util.Collections.singletonMap("callbackUrl", url));
            assertThat(answer.status()).as(url).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(url).startsWith("application/problem+json");
            assertThat(answer.body().get("code").asText()).as(url).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(patch(app, Map.of()).body().get("settings").has("callbackUrl")).as("nothing was set").isFalse();
    }

    @Test
    void aNullCallbackUrlRemovesItAndAnAbsentOneKeepsIt() {
        RunningApi.TestApp app = TestApps.onboard(api, "Removes", "47", SIGNATURE, Map.of());
        String url = "https://93.184.216.34/callbacks";
        assertThat(patch(app, Map.of("callbackUrl", url)).expect(200).body().get("settings").get("callbackUrl").asText())
                .isEqualTo(url);
        assertThat(patch(app, Map.of("dailyQuota", 5)).expect(200).body().get("settings").get("callbackUrl").asText())
                .isEqualTo(url);

        JsonNode cleared = patch(app, java.util.Collections.singletonMap("callbackUrl", null)).expect(200).body();

        assertThat(cleared.get("settings").has("callbackUrl")).isFalse();
        assertThat(db.sql("SELECT callback_url FROM apps WHERE id = :app").bind("app", app.appId())
                .map(r -> java.util.Optional.ofNullable(r.get(0, String.class))).one().block()).isEmpty();
    }

    @Test
    void aStoredUrlOfAnInternalAddressIsNotCalledAtSendTime() {
        try (CallbackReceiver inside = CallbackReceiver.start(0, java.net.InetAddress.getByName("127.0.0.2"))) {
            RunningApi.TestApp app = TestApps.onboard(api, "Rebound", "48", SIGNATURE, Map.of("textAllowed", true));
            // as a URL set before the rules existed, or a name whose DNS answer has changed since it was checked
            db.sql("UPDATE apps SET callback_url = :url WHERE id = :app").bind("url", inside.url()).bind("app", app.appId())
                    .fetch().rowsUpdated().block();
            api.bean(org.sms1069.api.apps.AppService.class).update(app.appId(), new org.sms1069.api.apps.AppSettings(
                    null, 9_999, null, null, null, null, null, null, null, null)).block();
            String phone = Phones.unique("187");
            publish(delivered(send(app, phone, null), phone));

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count("SELECT count(*) FROM callbacks WHERE app_id = :app AND state = 'GAVE_UP'", app.appId()) == 1);
            assertThat(inside.received()).as("nothing reached the internal address").isEmpty();
            assertThat(db.sql("SELECT last_error FROM callbacks WHERE app_id = :app").bind("app", app.appId())
                    .map(r -> r.get(0, String.class)).one().block()).contains("internal");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestApps.Answer patch(RunningApi.TestApp app, Map<String, Object> settings) {
        return TestApps.call(api, RunningApi.ADMIN, "PATCH", "/admin/v1/apps/" + app.appId(), settings);
    }

    private static RunningApi.TestApp appCallingBack(String name, String extension, String url) {
        return TestApps.onboard(api, name, extension, SIGNATURE, Map.of("textAllowed", true, "callbackUrl", url));
    }

    private static String send(RunningApi.TestApp app, String phone, String clientRef) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("phones", List.of(phone),
                "text", "【" + SIGNATURE + "】您的订单已发货。", "type", "NOTIFICATION"));
        if (clientRef != null) {
            body.put("clientRef", clientRef);
        }
        return TestApps.post(api, app.key(), "/v1/messages", body).expect(202).body()
                .get("messages").get(0).get("messageId").asText();
    }

    private static StatusEvent delivered(String messageId, String phone) {
        return new StatusEvent(StatusEvent.VERSION, messageId, phone, 1, 1, MessageStatus.DELIVERED, Carrier.CMCC,
                "cmcc-1", "0123456789", "DELIVRD", null, Instant.parse("2026-11-28T08:00:00.123Z"));
    }

    private static void publish(StatusEvent event) {
        publisher.publish(Topics.STATUS, event.messageId(), event).join();
    }

    private static long count(String sql, String id) {
        return db.sql(sql).bind("app", id).map(r -> r.get(0, Long.class)).one().block();
    }
}
