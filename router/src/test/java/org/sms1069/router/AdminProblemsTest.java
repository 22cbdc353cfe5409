package org.sms1069.router;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sms1069.testkit.PrivateRedis;
import org.sms1069.testkit.TestInfra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The router's admin endpoints with the token but bad input answer 4xx problem+json; with their Redis
 * stopped they answer 503 with Retry-After. The router runs on a Redis of its own, stopped at the end.
 */
class AdminProblemsTest {
    private static final String TOKEN = TestInfra.unique("token");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static PrivateRedis redis;
    private static RunningRouter router;

    @BeforeAll
    static void startRouter() throws IOException {
        assumeTrue(PrivateRedis.available(), "needs " + PrivateRedis.BINARY);
        redis = PrivateRedis.start();
        router = RunningRouter.start("admin-problems-test",
                List.of(new RunningRouter.Link(TestInfra.unique("pb") + "-cmcc", "CMCC", "SMPP34")),
                "--sms.router.admin-token=" + TOKEN, "--sms.redis.uri=" + redis.uri());
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @CsvSource(delimiter = '|', value = {
            "PUT  | /admin/portability/13800138000 | application/json | {\"carrier\":",
            "PUT  | /admin/portability/13800138000 | application/json | [1,2]",
            "PUT  | /admin/portability/13800138000 | application/json | {\"carrier\":[\"CTCC\"]}",
            "PUT  | /admin/portability/13800138000 | text/plain       | CTCC",
            "PUT  | /admin/portability/13800138000 | application/json | {\"carrier\":\"NOKIA\"}",
            "PUT  | /admin/portability/12345       | application/json | {\"carrier\":\"CTCC\"}",
            "POST | /admin/portability             | application/json | {}",
            "POST | /admin/portability             | text/csv         | not,a,file",
            "GET  | /admin/portability/%E4%B8      | application/json | ''",
    })
    void malformedAdminRequestsAreProblemJson4xx(String method, String path, String type, String body) throws Exception {
        HttpResponse<String> response = send(method, path, type, body);

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(value ->
                assertThat(value).startsWith("application/problem+json"));
    }

    @Test
    void redisDownAnswers503WithRetryAfter() throws Exception {
        assertThat(send("PUT", "/admin/portability/13800138000", "application/json", "{\"carrier\":\"CTCC\"}").statusCode())
                .isEqualTo(204);
        redis.close();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = send("GET", "/admin/portability/13800138000", "application/json", "");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.body()).contains("\"code\":\"UNAVAILABLE\"");
        });
    }

    private static HttpResponse<String> send(String method, String path, String type, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", type)
                .header("X-Router-Admin-Token", TOKEN)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
