package org.sms1069.api.mo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.callback.CallbackReceiver;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.verification.SubmitTap;
import org.sms1069.api.verification.TestApps;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Carrier;
import org.sms1069.model.Topics;
import org.sms1069.model.event.MoMessage;
import org.sms1069.testkit.TestKafka;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Replies on {@code sms.mo}: routing by extension, unsubscribe words, MO callbacks, the MO list, answers to a reply. */
class MoIntakeTest {
    private static final String SIGNATURE = "示例科技";
    private static final String EXTENSION = "5678";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningApi api;
    private static Publisher publisher;
    private static DatabaseClient db;
    private static CallbackReceiver receiver;
    private static RunningApi.TestApp app;

    @BeforeAll
    static void start() {
        api = RunningApi.start("sms.callbacks.poll-interval=100ms", "sms.callbacks.initial-backoff=200ms",
                "sms.callbacks.allow-http=true", "sms.callbacks.allowed-networks=127.0.0.0/8");
        publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "mo-test"));
        db = api.bean(DatabaseClient.class);
        receiver = CallbackReceiver.start(0);
        app = TestApps.onboard(api, "Replies", EXTENSION, SIGNATURE, Map.of("textAllowed", true, "callbackUrl", receiver.url()));
        TestApps.approvedTemplate(api, app.appId(), "VERIFICATION", "您的验证码是${code}。");
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void anUnsubscribeReplyStopsNotificationsButNotVerificationCodes() throws Exception {
        String phone = Phones.unique("138");
        MoMessage reply = new MoMessage(MoMessage.VERSION, "86" + phone, RunningApi.NUMBER + EXTENSION, " td ", Carrier.CMCC,
                "cmcc-1", Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        publish(reply);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM unsubscribes WHERE app_id = :app AND phone = :phone", phone) == 1);
        assertThat(db.sql("SELECT keyword FROM unsubscribes WHERE phone = :phone").bind("phone", phone)
                .map(r -> r.get(0, String.class)).one().block()).isEqualTo("TD");

        TestApps.Answer notification = TestApps.post(api, app.key(), "/v1/messages", Map.of("phones", List.of(phone),
                "text", "【" + SIGNATURE + "】您的订单已发货。", "type", "NOTIFICATION"));
        assertThat(notification.status()).isEqualTo(422);
        assertThat(notification.body().get("code").asText()).isEqualTo("NO_VALID_RECIPIENT");
        assertThat(notification.body().get("rejected").get(0).get("reason").asText()).contains("unsubscribed");
        TestApps.post(api, app.key(), "/v1/verification-codes", Map.of("phone", phone, "scene", "login")).expect(202);

        JsonNode item = awaitMoCallback(phone);
        assertThat(item.get("text").asText()).isEqualTo(" td ");
        assertThat(item.get("destination").asText()).isEqualTo(RunningApi.NUMBER + EXTENSION);
        assertThat(item.get("carrier").asText()).isEqualTo("CMCC");
        assertThat(item.get("unsubscribe").asBoolean()).isTrue();
        assertThat(Instant.parse(item.get("receivedAt").asText())).isEqualTo(reply.at());
        String secret = TestApps.callbackSecret(api, app.appId());
        assertThat(receiver.accepted()).allMatch(r -> r.signedWith(secret));

        // redelivered: stored once, called back once
        publish(reply);
        Thread.sleep(1500);
        assertThat(count("SELECT count(*) FROM mo_messages WHERE app_id = :app AND phone = :phone", phone)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM callbacks WHERE app_id = :app AND kind = 'MO' AND payload->>'phone' = :phone", phone))
                .isEqualTo(1);
    }

    @Test
    void anOrdinaryReplyIsListedAndCalledBackWithoutUnsubscribing() {
        String phone = Phones.unique("139");
        publish(new MoMessage(MoMessage.VERSION, phone, RunningApi.NUMBER + EXTENSION, "好的，收到", Carrier.CMCC, "cmcc-1",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null));
        JsonNode item = awaitMoCallback(phone);
        assertThat(item.get("unsubscribe").asBoolean()).isFalse();
        assertThat(count("SELECT count(*) FROM unsubscribes WHERE app_id = :app AND phone = :phone", phone)).isZero();

        JsonNode page = TestApps.call(api, app.key(), "GET", "/v1/mo?limit=200", null).expect(200).body();
        assertThat(page.get("messages").findValuesAsText("phone")).contains(phone);
    }

    @Test
    void aDeliverTheCarrierSentAgainIsStoredAndCalledBackOnce() {
        String phone = Phones.unique("137");
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new MoMessage(MoMessage.VERSION, phone, RunningApi.NUMBER + EXTENSION, "收到", Carrier.CMCC, "cmcc-1",
                first, "9876543210"));
        // the same DELIVER again, e.g. after a gateway restart: a later arrival time, the same carrier id;
        // then another reply of the phone, which the consumer takes after it (same key, same partition)
        publish(new MoMessage(MoMessage.VERSION, phone, RunningApi.NUMBER + EXTENSION, "收到", Carrier.CMCC, "cmcc-1",
                first.plusSeconds(65), "9876543210"));
        publish(new MoMessage(MoMessage.VERSION, phone, RunningApi.NUMBER + EXTENSION, "好", Carrier.CMCC, "cmcc-1",
                first.plusSeconds(66), "9876543211"));

        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM callbacks WHERE app_id = :app AND kind = 'MO' AND payload->>'phone' = :phone", phone) == 2);
        assertThat(count("SELECT count(*) FROM mo_messages WHERE app_id = :app AND phone = :phone AND text = '收到'", phone))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM callbacks WHERE app_id = :app AND kind = 'MO' AND payload->>'phone' = :phone"
                + " AND payload->>'text' = '收到'", phone)).isEqualTo(1);
    }

    @Test
    void theListPagesNewestFirstAndShowsOnlyTheAppsOwnReplies() {
        String phone = Phones.unique("150");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            publish(new MoMessage(MoMessage.VERSION, phone, RunningApi.NUMBER + EXTENSION, "reply " + i, Carrier.CUCC, "cucc-1",
                    start.plusMillis(i), null));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM mo_messages WHERE app_id = :app AND phone = :phone", phone) == 3);

        String from = "&from=" + start + "&to=" + start.plusSeconds(1);
        JsonNode first = TestApps.call(api, app.key(), "GET", "/v1/mo?limit=2" + from, null).expect(200).body();
        List<String> texts = new java.util.ArrayList<>(first.get("messages").findValuesAsText("text"));
        String cursor = first.get("nextCursor").asText();
        JsonNode second = TestApps.call(api, app.key(), "GET", "/v1/mo?limit=2&cursor=" + cursor + from, null).expect(200).body();
        texts.addAll(second.get("messages").findValuesAsText("text"));
        assertThat(second.has("nextCursor")).isFalse();
        assertThat(texts.stream().filter(t -> t.startsWith("reply ")).toList()).containsExactly("reply 2", "reply 1", "reply 0");

        RunningApi.TestApp other = TestApps.onboard(api, "Other", "9", SIGNATURE, Map.of());
        assertThat(TestApps.call(api, other.key(), "GET", "/v1/mo" + from.replaceFirst("&", "?"), null).expect(200)
                .body().get("messages")).isEmpty();
        assertThat(TestApps.call(api, app.key(), "GET", "/v1/mo?cursor=abc", null).status()).isEqualTo(400);
        assertThat(TestApps.call(api, app.key(), "GET", "/v1/mo?from=yesterday", null).status()).isEqualTo(400);
    }

    @Test
    void aReplyToNoKnownNumberIsStoredWithoutAppAndCounted() {
        MeterRegistry meters = api.bean(MeterRegistry.class);
        double before = meters.counter("sms_api_mo_unrouted_total").count();
        String phone = Phones.unique("186");
        publish(new MoMessage(MoMessage.VERSION, phone, "10690000000", "T", Carrier.CUCC, "cucc-1", Instant.now(), null));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                db.sql("SELECT count(*) FROM mo_messages WHERE app_id IS NULL AND phone = :phone").bind("phone", phone)
                        .map(r -> r.get(0, Long.class)).one().block() == 1);
        assertThat(meters.counter("sms_api_mo_unrouted_total").count()).isEqualTo(before + 1);
        assertThat(db.sql("SELECT count(*) FROM unsubscribes WHERE phone = :phone").bind("phone", phone)
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void anAnswerToAReplySendsItsCarrierLinkIdBackAndGoesOnlyToItsPhone() {
        String phone = Phones.unique("138");
        publish(new MoMessage(MoMessage.VERSION, phone, RunningApi.NUMBER + EXTENSION, "1", Carrier.CMCC, "cmcc-1",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "5550001", "LNK20261128105407001"));
        long moId = await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                        "SELECT id FROM mo_messages WHERE app_id = :app AND phone = :phone")
                .bind("app", app.appId()).bind("phone", phone).map(r -> r.get(0, Long.class)).one().block(), java.util.Objects::nonNull);
        assertThat(db.sql("SELECT carrier_link_id FROM mo_messages WHERE id = :id").bind("id", moId)
                .map(r -> r.get(0, String.class)).one().block()).isEqualTo("LNK20261128105407001");

        try (SubmitTap queued = new SubmitTap(null)) {
            String answer = TestApps.post(api, app.key(), "/v1/messages", Map.of("phones", List.of("+86 " + phone),
                            "text", "【" + SIGNATURE + "】已为您办理。", "type", "NOTIFICATION", "inReplyTo", moId))
                    .expect(202).body().get("messages").get(0).get("messageId").asText();
            String plain = TestApps.post(api, app.key(), "/v1/messages", Map.of("phones", List.of(phone),
                            "text", "【" + SIGNATURE + "】您的订单已发货。", "type", "NOTIFICATION"))
                    .expect(202).body().get("messages").get(0).get("messageId").asText();

            assertThat(queued.awaitAsQueued(answer).carrierLinkId()).isEqualTo("LNK20261128105407001");
            assertThat(queued.awaitAsQueued(plain).carrierLinkId()).isNull();
        }

        assertRefused(app, Map.of("phones", List.of(Phones.unique("138")), "inReplyTo", moId), 422, "REPLY_PHONE_MISMATCH");
        assertRefused(app, Map.of("phones", List.of(phone, Phones.unique("139")), "inReplyTo", moId), 422,
                "REPLY_PHONE_MISMATCH");
        assertRefused(app, Map.of("phones", List.of(phone), "inReplyTo", moId + 1_000_000), 422, "MO_NOT_FOUND");
        RunningApi.TestApp other = TestApps.onboard(api, "Elsewhere", "4", SIGNATURE, Map.of("textAllowed", true));
        assertRefused(other, Map.of("phones", List.of(phone), "inReplyTo", moId), 422, "MO_NOT_FOUND");
        assertRefused(app, Map.of("phones", List.of(phone), "inReplyTo", 0), 400, "VALIDATION_FAILED");
    }

    private static void assertRefused(RunningApi.TestApp sender, Map<String, Object> reply, int status, String code) {
        Map<String, Object> body = new java.util.HashMap<>(reply);
        body.put("text", "【" + SIGNATURE + "】回复 " + body.hashCode());
        body.put("type", "NOTIFICATION");
        TestApps.Answer answer = TestApps.post(api, sender.key(), "/v1/messages", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("code").asText()).isEqualTo(code);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void unsubscribeWordsAreTheFourInAnyCase() {
        assertThat(List.of("T", "t", " TD", "td\n", "N", "n", "退订", " 退订 ")).allMatch(w -> MoIntake.unsubscribeWord(w).isPresent());
        assertThat(List.of("TD退订", "stop", "no", "退订吧", "T D", "")).allMatch(w -> MoIntake.unsubscribeWord(w).isEmpty());
    }

    private static JsonNode awaitMoCallback(String phone) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().stream()
                .map(r -> read(r.body()))
                .filter(batch -> batch.get("kind").asText().equals("MO"))
                .flatMap(batch -> java.util.stream.StreamSupport.stream(batch.get("items").spliterator(), false))
                .filter(item -> item.get("phone").asText().equals(phone))
                .findFirst().orElse(null), java.util.Objects::nonNull);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void publish(MoMessage mo) {
        publisher.publish(Topics.MO, mo.phone(), mo).join();
    }

    private static long count(String sql, String phone) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("phone", phone);
        if (sql.contains(":app")) {
            spec = spec.bind("app", app.appId());
        }
        return spec.map(r -> r.get(0, Long.class)).one().block();
    }
}
