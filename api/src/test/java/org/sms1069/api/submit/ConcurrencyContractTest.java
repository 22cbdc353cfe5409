package org.sms1069.api.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency keys and frequency limits hold when the same request arrives many times at once. */
class ConcurrencyContractTest {
    private static final int PARALLEL = 12;
    private static RunningApi api;
    private static RunningApi.TestApp app;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        app = api.onboardApp("Concurrency", "", "示例科技");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void concurrentDuplicatesWithOneIdempotencyKeyGetOneAnswerAndOneMessage() throws Exception {
        String key = "idem-" + Phones.unique("139");
        Map<String, Object> body = Map.of("phones", List.of(Phones.unique("139")),
                "text", "【示例科技】您的订单已发货，请注意查收。", "type", "NOTIFICATION");

        List<ApiResponse> answers = together(() -> api.send(SignedRequest.post("/v1/messages").by(app.key())
                .header("Idempotency-Key", key).json(body)));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(202));
        Set<String> ids = new HashSet<>();
        answers.forEach(a -> ids.add(a.json().get("messages").get(0).get("messageId").asText()));
        assertThat(ids).as("every duplicate gets the first answer").hasSize(1);

        ApiResponse other = api.send(SignedRequest.post("/v1/messages").by(app.key()).header("Idempotency-Key", key)
                .json(Map.of("phones", body.get("phones"), "text", "【示例科技】另一条通知。", "type", "NOTIFICATION")));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("code").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void concurrentVerificationCodesToOnePhoneAreLimitedToOnePerMinute() throws Exception {
        String phone = Phones.unique("136");
        List<ApiResponse> answers = new ArrayList<>(together(() -> api.send(SignedRequest.post("/v1/messages").by(app.key())
                .json(Map.of("phones", List.of(phone), "type", "VERIFICATION",
                        "text", "【示例科技】您的验证码是" + (100000 + (int) (Math.random() * 899999)) + "，5分钟内有效。")))));

        assertThat(answers.stream().filter(a -> a.status() == 202)).hasSize(1);
        List<ApiResponse> limited = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(limited).hasSize(PARALLEL - 1);
        JsonNode problem = limited.get(0).json();
        assertThat(problem.get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(problem.get("limit").asText()).isEqualTo("PER_MINUTE");
        assertThat(problem.get("retryAfterSeconds").asInt()).isBetween(1, 60);
    }

    private static List<ApiResponse> together(Callable<ApiResponse> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiResponse>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<ApiResponse> answers = new ArrayList<>();
            for (Future<ApiResponse> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
