package org.sms1069.api.verification;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.model.event.AcceptedMessage;
import org.springframework.r2dbc.core.DatabaseClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a verification text rests after a send, read from the real stores: the {@code sms.submit} record (sealed),
 * the PostgreSQL row (code masked, letters included) and every Redis key of the phone (no code, no guessable digest).
 */
class VerificationAtRestTest {
    private static final String SIGNATURE = "示例科技";
    private static final Pattern CODE = Pattern.compile("验证码是([A-Z0-9]{6})，");
    /** Letters and digits: the content filter wants a digit in a code, the old masking saw only digits. */
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static RunningApi api;
    private static SubmitTap submits;
    private static RunningApi.TestApp app;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        app = TestApps.onboard(api, "Letter codes", "41", SIGNATURE,
                Map.of("codeAlphabet", ALPHABET, "codeLength", 6, "textAllowed", true,
                        "verifyPerMinute", 100, "verifyPerHour", 1000, "verifyPerDay", 10_000));
        TestApps.approvedTemplate(api, app.appId(), "VERIFICATION", "您的验证码是${code}，${minutes}分钟内有效。");
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
    void anIssuedCodeIsSealedInKafkaMaskedInPostgresAndAbsentFromRedis() throws Exception {
        String phone = null;
        String messageId = null;
        String code = null;
        // until a code with a letter was sent (one without a digit is refused by the content filter)
        for (int attempt = 0; attempt < 30 && (code == null || !code.matches(".*[A-Z].*")); attempt++) {
            phone = Phones.unique("138");
            TestApps.Answer answer = TestApps.post(api, app.key(), "/v1/verification-codes",
                    Map.of("phone", phone, "scene", "login"));
            if (answer.status() == 202) {
                messageId = answer.body().get("messageId").asText();
                Matcher m = CODE.matcher(submits.await(messageId).text());
                assertThat(m.find()).as("the router opens the text with the platform key").isTrue();
                code = m.group(1);
            }
        }
        assertThat(code).as("a code with a letter within 30 attempts").matches(".*[A-Z].*");
        AcceptedMessage queued = submits.awaitAsQueued(messageId);
        AcceptedMessage opened = submits.await(messageId);
        assertThat(queued.sealed()).isTrue();
        assertThat(queued.text()).doesNotContain(code).doesNotContain("验证码");

        assertThat(storedText(messageId)).isEqualTo("【示例科技】您的验证码是******，5分钟内有效。");

        List<String> keys = redisKeysOf(phone);
        assertThat(keys).as("the phone's frequency and code keys").isNotEmpty();
        String unkeyedDigest = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(opened.text().getBytes(StandardCharsets.UTF_8)), 0, 12);
        String sent = code;
        for (String key : keys) {
            assertThat(key).doesNotContain(sent).doesNotContain(unkeyedDigest);
            assertThat(redisValues(key)).as(key).noneMatch(value -> value.contains(sent));
        }
    }

    @Test
    void freeVerificationTextIsStoredWithEveryCodeLikeRunMasked() {
        String phone = Phones.unique("139");
        String messageId = TestApps.post(api, app.key(), "/v1/messages", Map.of("phones", List.of(phone),
                        "text", "【示例科技】您的验证码是A7K9Q2，请勿告诉他人。", "type", "VERIFICATION"))
                .expect(202).body().get("messages").get(0).get("messageId").asText();

        assertThat(storedText(messageId)).isEqualTo("【示例科技】您的验证码是******，请勿告诉他人。");
        assertThat(submits.awaitAsQueued(messageId).text()).doesNotContain("A7K9Q2");
    }

    private static String storedText(String messageId) {
        return api.bean(DatabaseClient.class).sql("SELECT text FROM messages WHERE id = :id").bind("id", messageId)
                .map(row -> row.get("text", String.class)).one().block();
    }

    @SuppressWarnings("unchecked")
    private static RedisReactiveCommands<String, String> redis() {
        return api.bean(RedisReactiveCommands.class);
    }

    private static List<String> redisKeysOf(String phone) {
        return redis().keys("*" + phone + "*").collectList().block();
    }

    private static List<String> redisValues(String key) {
        String type = redis().type(key).block();
        List<String> values = new ArrayList<>();
        switch (type == null ? "none" : type) {
            case "string" -> values.add(redis().get(key).block());
            case "hash" -> redis().hgetall(key).doOnNext(kv -> {
                values.add(kv.getKey());
                values.add(kv.getValue());
            }).blockLast();
            case "zset" -> values.addAll(redis().zrange(key, 0, -1).collectList().block());
            case "set" -> values.addAll(redis().smembers(key).collectList().block());
            case "list" -> values.addAll(redis().lrange(key, 0, -1).collectList().block());
            default -> {
            }
        }
        return values;
    }
}
