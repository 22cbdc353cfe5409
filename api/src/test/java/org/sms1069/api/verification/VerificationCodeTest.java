package org.sms1069.api.verification;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.model.MessageType;
import org.sms1069.model.event.AcceptedMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Verification codes through the real api, Redis, PostgreSQL and Kafka. */
class VerificationCodeTest {
    private static final String SIGNATURE = "示例科技";
    private static final Pattern CODE = Pattern.compile("验证码是(\\d{6})，");

    private static RunningApi api;
    private static SubmitTap submits;
    /** Relaxed frequency limits, so that tests can issue several codes to one phone. */
    private static RunningApi.TestApp relaxed;
    /** Default limits: verification 1/min, 5/h, 10/day per phone. */
    private static RunningApi.TestApp strict;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        relaxed = TestApps.onboard(api, "Verify relaxed", "31", SIGNATURE,
                Map.of("verifyPerMinute", 100, "verifyPerHour", 1000, "verifyPerDay", 10_000));
        TestApps.approvedTemplate(api, relaxed.appId(), "VERIFICATION", "您的验证码是${code}，${minutes}分钟内有效。");
        strict = TestApps.onboard(api, "Verify strict", "32", SIGNATURE, Map.of());
        TestApps.approvedTemplate(api, strict.appId(), "VERIFICATION", "您的验证码是${code}，请勿告诉他人。");
        submits = new SubmitTap(api.bean(ApiProperties.class).kafka().textSeal());
    }

    @AfterAll
    static void stop() {
        if (submits != null) {
            submits.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aCodeIsSentWithTheTemplateAndIsValidExactlyOnce() {
        String phone = Phones.unique("138");
        JsonNode issued = issue(relaxed, "+86 " + phone, "login").expect(202).body();
        assertThat(issued.get("expiresInSeconds").asLong()).isEqualTo(300);

        AcceptedMessage queued = submits.await(issued.get("messageId").asText());
        assertThat(queued.type()).isEqualTo(MessageType.VERIFICATION);
        assertThat(queued.phone()).isEqualTo(phone);
        assertThat(queued.text()).matches("【示例科技】您的验证码是\\d{6}，5分钟内有效。");
        String code = codeIn(queued);

        assertThat(check(relaxed, phone, "register", code)).as("another scene").isEqualTo("EXPIRED");
        assertThat(check(relaxed, phone, "login", code)).isEqualTo("VALID");
        assertThat(check(relaxed, phone, "login", code)).as("single use").isEqualTo("EXPIRED");
    }

    @Test
    void fiveWrongAnswersBurnTheCode() {
        String phone = Phones.unique("139");
        String code = codeIn(submits.await(issue(relaxed, phone, "pay").expect(202).body().get("messageId").asText()));
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 4; i++) {
            assertThat(check(relaxed, phone, "pay", wrong)).as("wrong answer %d", i).isEqualTo("INVALID");
        }
        assertThat(check(relaxed, phone, "pay", wrong)).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(check(relaxed, phone, "pay", code)).as("the right code after it was burnt").isEqualTo("EXPIRED");
    }

    @Test
    void aNewCodeReplacesThePreviousOne() {
        String phone = Phones.unique("150");
        String first = codeIn(submits.await(issue(relaxed, phone, "login").expect(202).body().get("messageId").asText()));
        String second = codeIn(submits.await(issue(relaxed, phone, "login").expect(202).body().get("messageId").asText()));
        if (!first.equals(second)) {
            assertThat(check(relaxed, phone, "login", first)).isEqualTo("INVALID");
        }
        assertThat(check(relaxed, phone, "login", second)).isEqualTo("VALID");
    }

    @Test
    void anExpiredCodeIsExpired() {
        String phone = Phones.unique("151");
        String code = codeIn(submits.await(issue(relaxed, phone, "login").expect(202).body().get("messageId").asText()));
        @SuppressWarnings("unchecked")
        RedisReactiveCommands<String, String> redis = api.bean(RedisReactiveCommands.class);
        String key = CodeStore.key(relaxed.appId(), "login", phone);
        assertThat(redis.ttl(key).block()).isBetween(290L, 300L);
        assertThat(redis.hget(key, "h").block()).as("only a hash is stored").doesNotContain(code).hasSize(64);
        redis.pexpire(key, 1).block();
        sleep(Duration.ofMillis(20));
        assertThat(check(relaxed, phone, "login", code)).isEqualTo("EXPIRED");
    }

    @Test
    void ofConcurrentCorrectChecksExactlyOneIsValid() throws Exception {
        String phone = Phones.unique("152");
        String code = codeIn(submits.await(issue(relaxed, phone, "login").expect(202).body().get("messageId").asText()));
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return check(relaxed, phone, "login", code);
                }, pool));
            }
            go.countDown();
            List<String> answers = results.stream().map(CompletableFuture::join).toList();
            assertThat(answers).filteredOn("VALID"::equals).hasSize(1);
            assertThat(answers).filteredOn("EXPIRED"::equals).hasSize(n - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondCodeWithinAMinuteIsRefusedWithRetryAfter() {
        String phone = Phones.unique("186");
        issue(strict, phone, "login").expect(202);
        TestApps.Answer refused = issue(strict, phone, "reset");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("code").asText()).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
    }

    @Test
    void anAppWithoutAnApprovedVerificationTemplateIsToldSo() {
        RunningApi.TestApp bare = TestApps.onboard(api, "No template", "33", SIGNATURE, Map.of());
        TestApps.post(api, RunningApi.ADMIN, "/admin/v1/apps/" + bare.appId() + "/templates",
                Map.of("name", "pending", "type", "VERIFICATION", "content", "验证码${code}")).expect(201);
        TestApps.Answer refused = issue(bare, Phones.unique("138"), "login");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");
        assertThat(refused.body().get("detail").asText()).contains("no approved VERIFICATION template");
    }

    @Test
    void badInputIsA400() {
        assertThat(issue(relaxed, Phones.unique("138"), "Login!").status()).isEqualTo(400);
        assertThat(issue(relaxed, "12345", "login").body().get("detail").asText()).contains("phone");
        assertThat(TestApps.post(api, relaxed.key(), "/v1/verification-codes/check",
                Map.of("phone", Phones.unique("138"), "scene", "login")).status()).isEqualTo(400);
        assertThat(TestApps.post(api, RunningApi.ADMIN, "/v1/verification-codes",
                Map.of("phone", Phones.unique("138"), "scene", "login")).status()).isEqualTo(403);
    }

    private static TestApps.Answer issue(RunningApi.TestApp app, String phone, String scene) {
        return TestApps.post(api, app.key(), "/v1/verification-codes", Map.of("phone", phone, "scene", scene));
    }

    private static String check(RunningApi.TestApp app, String phone, String scene, String code) {
        return TestApps.post(api, app.key(), "/v1/verification-codes/check", Map.of("phone", phone, "scene", scene, "code", code))
                .expect(200).body().get("result").asText();
    }

    private static String codeIn(AcceptedMessage message) {
        Matcher m = CODE.matcher(message.text());
        assertThat(m.find()).as("a code in the queued text").isTrue();
        return m.group(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
