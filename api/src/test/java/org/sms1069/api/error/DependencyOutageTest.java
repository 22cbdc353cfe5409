package org.sms1069.api.error;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.testkit.PrivateRedis;
import org.sms1069.testkit.TestInfra;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sms1069.api.testing.Problems.assertProblem;

/**
 * A dependency that is down is the client's cue to retry later, not a server bug: Redis stopped under a
 * running api, PostgreSQL at an address where nothing listens; every request answers
 * {@code 503 UNAVAILABLE} with {@code Retry-After}.
 */
class DependencyOutageTest {

    @Test
    void redisDownAnswers503WithRetryAfter() throws Exception {
        assumeTrue(PrivateRedis.available(), "needs " + PrivateRedis.BINARY);
        PrivateRedis redis = PrivateRedis.start();
        try (RunningApi api = RunningApi.start("sms.redis.uri=" + redis.uri(), "sms.redis.command-timeout=1s")) {
            RunningApi.TestApp app = api.onboardApp("Outage", "", "断线科技");
            redis.close();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertUnavailable(api.send(SignedRequest.get("/admin/v1/apps/" + app.appId()).by(RunningApi.ADMIN))));
            assertUnavailable(api.send(SignedRequest.post("/v1/messages").by(app.key()).json(Map.of(
                    "phones", List.of(Phones.unique("138")), "text", "【断线科技】您的订单已发货。", "type", "NOTIFICATION"))));
        } finally {
            redis.close();
        }
    }

    @Test
    void postgresDownAnswers503WithRetryAfter() {
        String closed = "r2dbc:postgresql://127.0.0.1:" + TestInfra.freePort() + "/test";
        try (RunningApi api = RunningApi.start("spring.r2dbc.url=" + closed)) {
            assertUnavailable(api.send(SignedRequest.get("/admin/v1/apps/app_none").by(RunningApi.ADMIN)));
            assertUnavailable(api.send(SignedRequest.post("/admin/v1/apps").by(RunningApi.ADMIN)
                    .json(Map.of("name", "Nowhere"))));
        }
    }

    private static void assertUnavailable(ApiResponse response) {
        JsonNode problem = assertProblem(response, 503, "UNAVAILABLE");
        assertThat(problem.get("detail").asText()).isEqualTo("a service the api depends on is unavailable; retry later");
        assertThat(response.retryAfter()).isEqualTo("5");
    }
}
