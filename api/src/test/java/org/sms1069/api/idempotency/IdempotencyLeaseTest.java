package org.sms1069.api.idempotency;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.submit.SendRequest;
import org.sms1069.api.submit.SendResponse;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.model.MessageType;
import org.sms1069.testkit.TestRedis;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@code Idempotency-Key} is held by a lease that its request renews while it runs: a request that
 * stopped (dropped connection, crashed instance) frees the key after the lease, a slow one keeps it.
 */
class IdempotencyLeaseTest {
    private static final String TEXT = "【示例科技】您的订单已发货，请注意查收。";
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static RunningApi api;
    private static RunningApi.TestApp app;

    @BeforeAll
    static void start() {
        api = RunningApi.start("sms.idempotency.pending-lease=" + LEASE.toSeconds() + "s");
        app = api.onboardApp("Idempotency lease", "", "示例科技");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aKeyLeftPendingByAnAbandonedRequestIsUsableAfterTheLease() {
        String key = "lease-" + Phones.unique("");
        String phone = Phones.unique("138");
        // what a request whose connection dropped leaves behind: the key taken, the work cancelled
        Disposable abandoned = api.bean(IdempotencyStore.class)
                .once(app.appId(), key, request(phone), SendResponse.class, Mono::never).subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> TestRedis.sync().exists(redisKey(key)) == 1);
        abandoned.dispose();

        ApiResponse retried = send(key, phone);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        assertThat(retried.json().get("messages").get(0).get("phone").asText()).isEqualTo(phone);
    }

    @Test
    void aRequestRunningLongerThanTheLeaseKeepsItsKey() throws Exception {
        String key = "lease-" + Phones.unique("");
        String phone = Phones.unique("139");
        SendResponse first = new SendResponse(List.of(new SendResponse.Accepted(phone, "first-answer", 1, null)), List.of());
        CompletableFuture<SendResponse> running = api.bean(IdempotencyStore.class)
                .once(app.appId(), key, request(phone), SendResponse.class,
                        () -> Mono.delay(LEASE.multipliedBy(3)).thenReturn(first))
                .toFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> TestRedis.sync().exists(redisKey(key)) == 1);
        Thread.sleep(LEASE.multipliedBy(3).dividedBy(2).toMillis());

        ApiResponse duplicate = send(key, phone);

        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(202);
        assertThat(duplicate.json().get("messages").get(0).get("messageId").asText())
                .as("the duplicate waited for the running request instead of sending again").isEqualTo("first-answer");
        assertThat(running.get(30, TimeUnit.SECONDS).messages().get(0).messageId()).isEqualTo("first-answer");
    }

    @Test
    void aKeyWhoseRequestWasRefusedAtOnceIsFreeForTheCorrectedRequest() {
        String key = "lease-" + Phones.unique("");
        String phone = Phones.unique("186");
        ApiResponse refused = api.send(SignedRequest.post("/v1/messages").by(app.key()).header(IdempotencyStore.HEADER, key)
                .json(Map.of("phones", List.of(phone, Phones.unique("186")), "text", TEXT, "type", "VERIFICATION")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);

        ApiResponse corrected = send(key, phone);

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(202);
    }

    /** The body the test sends, as the api reads it: the key's body hash is taken from this. */
    private static SendRequest request(String phone) {
        return new SendRequest(List.of(phone), null, null, TEXT, null, MessageType.NOTIFICATION, null, null, null, null);
    }

    private static ApiResponse send(String key, String phone) {
        return api.send(SignedRequest.post("/v1/messages").by(app.key()).header(IdempotencyStore.HEADER, key)
                .json(Map.of("phones", List.of(phone), "text", TEXT, "type", "NOTIFICATION")));
    }

    private static String redisKey(String key) {
        return "sms:idem:" + app.appId() + ":" + key;
    }
}
