package org.sms1069.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's retry and error handling against a scripted HTTP server (the platform's real answers are
 * exercised end to end in e2e's ClientLibrariesEndToEndTest): which answers are retried, after how long,
 * and that a retry is signed anew under the same Idempotency-Key.
 */
class SmsClientRetryTest {
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private record Seen(String method, String rawPathAndQuery, Map<String, List<String>> headers, byte[] body, long nanos) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Seen> seen = new ArrayList<>();
    private HttpServer server;
    private SmsClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        client = SmsClient.builder("http://127.0.0.1:" + server.getAddress().getPort(), "AK1", "demo-secret").build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes(), System.nanoTime()));
        Answer answer = script.removeFirst();
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Answer problem(int status, String retryAfter, String json) {
        return new Answer(status, retryAfter == null ? Map.of("Content-Type", "application/problem+json")
                : Map.of("Content-Type", "application/problem+json", "Retry-After", retryAfter), json);
    }

    private static final SendMessage NOTICE = SendMessage.text(List.of("13800138000"), "【示例科技】您的订单已发货。", MessageType.NOTIFICATION);

    @Test
    void a503IsRetriedAfterItsRetryAfterSignedAnewUnderTheSameIdempotencyKey() {
        script.add(problem(503, "1", "{\"status\":503,\"code\":\"UNAVAILABLE\",\"retryAfterSeconds\":1}"));
        script.add(new Answer(202, Map.of("Content-Type", "application/json"),
                "{\"messages\":[{\"phone\":\"13800138000\",\"messageId\":\"01M8H24F9Z7W1ZQEHFZB47Q1CS\",\"segments\":1,\"carrier\":\"CMCC\"}],"
                        + "\"rejected\":[],\"futureField\":1}"));

        SendResult result = client.send(NOTICE);

        assertThat(result.messages()).extracting(SendResult.Accepted::messageId).containsExactly("01M8H24F9Z7W1ZQEHFZB47Q1CS");
        assertThat(seen).hasSize(2);
        Seen first = seen.get(0);
        Seen second = seen.get(1);
        assertThat(second.header("Idempotency-Key")).isNotBlank().isEqualTo(first.header("Idempotency-Key"));
        assertThat(second.header("X-Sms-Nonce")).isNotEqualTo(first.header("X-Sms-Nonce"));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(Duration.ofNanos(second.nanos() - first.nanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(second.header("X-Sms-Signature")).isEqualTo(new RequestSigner("demo-secret").sign("POST", "/v1/messages", null,
                Long.parseLong(second.header("X-Sms-Timestamp")), second.header("X-Sms-Nonce"), second.header("Idempotency-Key"),
                second.body()));
        assertThat(second.header("X-Sms-Signature-Version")).isEqualTo("2");
        assertThat(new String(second.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"phones\":[\"13800138000\"],\"text\":\"【示例科技】您的订单已发货。\",\"type\":\"NOTIFICATION\"}");
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsIsThrownTypedAtOnce() {
        script.add(problem(429, "60", "{\"status\":429,\"code\":\"RATE_LIMITED\",\"detail\":\"1 per minute\",\"limit\":\"PER_MINUTE\"}"));

        assertThatThrownBy(() -> client.send(NOTICE, "order-42")).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(429);
            assertThat(problem.code()).isEqualTo(ProblemCode.RATE_LIMITED);
            assertThat(problem.retryAfter()).contains(Duration.ofSeconds(60));
            assertThat(problem.property("limit").asText()).isEqualTo("PER_MINUTE");
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).header("Idempotency-Key")).isEqualTo("order-42");
    }

    @Test
    void clientErrorsAreNotRetriedAndUnknownCodesStayReadable() {
        script.add(problem(422, null, "{\"status\":422,\"code\":\"SOMETHING_NEW\",\"detail\":\"new rule\"}"));
        assertThatThrownBy(() -> client.getMessage("01M8H24F9Z7W1ZQEHFZB47Q1CS")).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.OTHER);
            assertThat(problem.codeText()).isEqualTo("SOMETHING_NEW");
            assertThat(problem.retryAfter()).isEmpty();
        });
        script.add(new Answer(502, Map.of("Content-Type", "text/html"), "<html>bad gateway</html>"));
        assertThatThrownBy(() -> client.get("/v1/templates"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(502));
        assertThat(seen).hasSize(2);
    }

    @Test
    void aListQueryIsSentAsSigned() {
        script.add(new Answer(200, Map.of("Content-Type", "application/json"), "{\"messages\":[],\"nextCursor\":null}"));
        MessagePage page = client.listMessages(new java.util.LinkedHashMap<>(Map.of("clientRef", "order 42/一")));
        assertThat(page.messages()).isEmpty();
        Seen request = seen.get(0);
        assertThat(request.rawPathAndQuery()).isEqualTo("/v1/messages?clientRef=order%2042%2F%E4%B8%80");
        assertThat(request.header("X-Sms-Signature")).isEqualTo(new RequestSigner("demo-secret").sign("GET", "/v1/messages",
                "clientRef=order%2042%2F%E4%B8%80", Long.parseLong(request.header("X-Sms-Timestamp")),
                request.header("X-Sms-Nonce"), null, new byte[0]));
    }
}
