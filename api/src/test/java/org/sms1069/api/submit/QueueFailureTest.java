package org.sms1069.api.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.limits.FrequencyLimiter;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.Problems;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.api.testing.UnroutablePhones;
import org.sms1069.messaging.Publisher;
import org.sms1069.testkit.TestRedis;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends whose records Kafka does not take, for some phones or all: the api answers honestly per phone,
 * marks only the messages that were not queued FAILED and gives their frequency slots back. The api
 * publishes over a real producer whose partitioner sends chosen phones' records to a partition
 * {@code sms.submit} does not have ({@link UnroutablePhones}).
 */
class QueueFailureTest {
    private static final String SIGNATURE = "示例科技";
    private static RunningApi api;
    private static RunningApi.TestApp app;
    private final List<String> unroutable = new ArrayList<>();

    @BeforeAll
    static void start() {
        api = RunningApi.startWith(context -> context.registerBean("unroutablePublisher", Publisher.class,
                UnroutablePhones::publisher, definition -> definition.setPrimary(true)));
        app = api.onboardApp("Queue failures", "", SIGNATURE);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @AfterEach
    void routeAgain() {
        unroutable.forEach(UnroutablePhones::remove);
    }

    @Test
    void aPhoneWhoseRecordKafkaDidNotTakeIsRejectedAloneAndOnlyItsMessageFails() {
        String queued = Phones.unique("138");
        String lost = unroutable(Phones.unique("139"));

        ApiResponse sent = send(List.of(queued, "+86 " + lost), "NOTIFICATION", "您的订单已发货，请注意查收。");

        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        JsonNode messages = sent.json().get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("phone").asText()).isEqualTo(queued);
        JsonNode rejected = sent.json().get("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("phone").asText()).as("the phone as the app wrote it").isEqualTo("+86 " + lost);
        assertThat(rejected.get(0).get("code").asText()).isEqualTo("NOT_QUEUED");
        assertThat(rejected.get(0).get("reason").asText()).isNotBlank();

        assertThat(statusOf(queued)).isEqualTo("ACCEPTED");
        assertThat(statusOf(lost)).isEqualTo("FAILED");
    }

    @Test
    void whenNoRecordIsTakenTheAnswerIs503WithRetryAfterAndEveryMessageFails() {
        String first = unroutable(Phones.unique("186"));
        String second = unroutable(Phones.unique("189"));

        ApiResponse sent = send(List.of(first, second), "NOTIFICATION", "您的订单已发货，请注意查收。");

        JsonNode problem = Problems.assertProblem(sent, 503, "UNAVAILABLE");
        assertThat(sent.retryAfter()).isEqualTo("5");
        assertThat(problem.get("retryAfterSeconds").asInt()).isEqualTo(5);
        assertThat(statusOf(first)).isEqualTo("FAILED");
        assertThat(statusOf(second)).isEqualTo("FAILED");
    }

    @Test
    void aVerificationCodeThatWasNotQueuedGivesItsFrequencySlotsBack() {
        String phone = unroutable(Phones.unique("136"));
        String text = "您的验证码是" + (100000 + (int) (Math.random() * 899999)) + "，5分钟内有效。";
        RedisCommands<String, String> redis = TestRedis.sync();
        String quotaKey = "sms:quota:" + app.appId() + ":" + LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String quotaBefore = redis.get(quotaKey);

        Problems.assertProblem(send(List.of(phone), "VERIFICATION", text), 503, "UNAVAILABLE");

        assertThat(redis.get(quotaKey)).as("the day's quota count").isEqualTo(quotaBefore);
        assertThat(redis.zcard("sms:fc:{" + app.appId() + ":" + phone + "}:verify")).as("verification sends counted").isZero();
        String marker = api.bean(FrequencyLimiter.class).sameKey(app.appId(), phone, "【" + SIGNATURE + "】" + text);
        assertThat(redis.exists(marker)).as("the identical-content marker").isZero();

        UnroutablePhones.remove(phone);
        ApiResponse retried = send(List.of(phone), "VERIFICATION", text);
        assertThat(retried.status()).as("the same code again at once is neither PER_MINUTE nor IDENTICAL_CONTENT: %s", retried)
                .isEqualTo(202);
        assertThat(redis.exists(marker)).as("the marker of the code queued now").isEqualTo(1);
    }

    private String unroutable(String phone) {
        UnroutablePhones.add(phone);
        unroutable.add(phone);
        return phone;
    }

    private static ApiResponse send(List<String> phones, String type, String text) {
        return api.send(SignedRequest.post("/v1/messages").by(app.key())
                .json(Map.of("phones", phones, "type", type, "text", "【" + SIGNATURE + "】" + text)));
    }

    private static String statusOf(String phone) {
        ApiResponse found = api.send(SignedRequest.get("/v1/messages?phone=" + phone).by(app.key()));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        JsonNode messages = found.json().get("messages");
        assertThat(messages).as("messages to %s", phone).hasSize(1);
        return messages.get(0).get("status").asText();
    }
}
