package org.sms1069.router;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sms1069.testkit.TestInfra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's admin endpoints through every spelling of their path an attacker would try, over real
 * HTTP: each is refused without the token (and changes nothing), and with the current or the previous
 * token the filter lets it through to whatever Spring routes it to.
 */
class AdminPathAuthorizationTest {
    private static final String TOKEN = TestInfra.unique("token");
    private static final String PREVIOUS = TestInfra.unique("old-token");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static RunningRouter router;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void startRouter() {
        router = RunningRouter.start("admin-path-test",
                List.of(new RunningRouter.Link(TestInfra.unique("ap") + "-cmcc", "CMCC", "SMPP34")),
                "--sms.router.admin-token=" + TOKEN, "--sms.router.previous-admin-tokens=" + PREVIOUS);
        redis = router.redis();
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
    }

    /** {@code P} stands for the phone. */
    @ParameterizedTest
    @ValueSource(strings = {"/admin/portability/P", "/admin;x/portability/P", "/admin;x=1;y/portability;z/P",
            "/%61dmin/portability/P", "/%41DMIN/portability/P", "//admin/portability/P", "/admin//portability/P",
            "/x/../admin/portability/P", "/./admin/portability/P", "/admin/portability/P/", "/ADMIN/portability/P",
            "/Admin/Portability/P", "/admin%2Fportability/P"})
    void everySpellingOfAnAdminPathNeedsTheToken(String spelling) throws Exception {
        String phone = phone();
        String path = spelling.replace("P", phone);

        HttpResponse<String> anonymous = put(path, null);
        assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> wrong = put(path, "wrong");
        assertThat(wrong.statusCode()).as(path).isEqualTo(401);
        assertThat(redis.exists("sms:np:" + phone)).as(path).isZero();

        HttpResponse<String> current = put(path, TOKEN);
        assertThat(current.statusCode()).as(path).isNotEqualTo(401).isLessThan(500);
        HttpResponse<String> previous = put(path, PREVIOUS);
        assertThat(previous.statusCode()).as(path).isEqualTo(current.statusCode());
        if (current.statusCode() == 204) {
            assertThat(redis.get("sms:np:" + phone)).isEqualTo("CTCC");
        }
    }

    private static HttpResponse<String> put(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"carrier\":\"CTCC\"}"));
        if (token != null) {
            request.header("X-Router-Admin-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String phone() {
        StringBuilder out = new StringBuilder("138");
        ThreadLocalRandom.current().ints(8, 0, 10).forEach(out::append);
        return out.toString();
    }
}
