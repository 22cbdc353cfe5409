package org.sms1069.api.submit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiOnOwnRedis;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.CountedStatements;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.testkit.PrivateRedis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one accepted send costs in PostgreSQL statements (counted at the connection) and Redis commands
 * (INFO commandstats of a Redis server of this test's own, commands inside scripts included), for one
 * and for 100 phones per request, once the reference data is cached. Prints the figures that
 * docs/benchmarks.md ("api request path") quotes.
 */
class RequestCostTest {
    private static final Pattern TABLE = Pattern.compile("(?i)\\bFROM\\s+([a-z_]+)");
    private static final int REQUESTS = 20;
    private static final int BULK_REQUESTS = 5;
    private static final int BULK_PHONES = 100;

    private static ApiOnOwnRedis running;
    private static PrivateRedis redis;
    private static RunningApi api;
    private static RunningApi.TestApp app;
    private static final CountedStatements statements = new CountedStatements();

    @BeforeAll
    static void start() throws Exception {
        running = ApiOnOwnRedis.start(statements.installer());
        redis = running.redis();
        api = running.api();
        app = api.onboardApp("Request cost", "", "示例科技");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aFirstSendReadsNoRowTwice() {
        statements.drain();

        expectAccepted(send(List.of(Phones.unique("138"))));

        Map<String, Long> readsPerTable = requestPath(statements.drain()).stream().filter(sql -> sql.startsWith("SELECT"))
                .map(RequestCostTest::table).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(readsPerTable).as("SELECTs per table in one cold send").allSatisfy((table, reads) -> assertThat(reads).isEqualTo(1L));
    }

    @Test
    void aWarmOnePhoneSendIsOneStatementAndAtMostFourRedisCommands() {
        Cost cost = measure(REQUESTS, 1);

        System.out.println("api request path, 1 phone per request: " + cost);
        assertThat(cost.statements()).as(cost.toString()).allMatch(sql -> sql.startsWith("INSERT INTO messages"));
        assertThat(cost.statementsPerMessage()).as(cost.toString()).isLessThanOrEqualTo(1.0);
        assertThat(cost.redisPerMessage()).as(cost.toString()).isLessThanOrEqualTo(4.0);
    }

    @Test
    void aWarmHundredPhoneSendIsOneStatement() {
        Cost cost = measure(BULK_REQUESTS, BULK_PHONES);

        System.out.println("api request path, " + BULK_PHONES + " phones per request: " + cost);
        assertThat(cost.statements()).as(cost.toString()).hasSize(BULK_REQUESTS)
                .allMatch(sql -> sql.startsWith("INSERT INTO messages"));
        assertThat(cost.redisPerMessage()).as(cost.toString()).isLessThanOrEqualTo(1.1);
    }

    @Test
    void anIdempotencyKeyAddsItsClaimAndItsStoredAnswer() {
        Cost cost = measure(REQUESTS, 1, true);

        System.out.println("api request path, 1 phone per request with an Idempotency-Key: " + cost);
        assertThat(cost.statementsPerMessage()).as(cost.toString()).isLessThanOrEqualTo(1.0);
        assertThat(cost.redisPerMessage()).as(cost.toString()).isLessThanOrEqualTo(6.0);
    }

    private static Cost measure(int requests, int phonesPerRequest) {
        return measure(requests, phonesPerRequest, false);
    }

    /** Sends after one warm-up request, so that caches are filled and only the steady state is counted. */
    private static Cost measure(int requests, int phonesPerRequest, boolean idempotent) {
        expectAccepted(send(phones(phonesPerRequest), idempotent));
        statements.drain();
        redis.resetCounts();
        for (int i = 0; i < requests; i++) {
            expectAccepted(send(phones(phonesPerRequest), idempotent));
        }
        Map<String, Long> redisCalls = redis.commandCalls();
        redisCalls.remove("config|resetstat");
        redisCalls.remove("info");
        return new Cost(requests, requests * phonesPerRequest, requestPath(statements.drain()), redisCalls);
    }

    record Cost(int requests, int messages, List<String> statements, Map<String, Long> redisCalls) {
        double statementsPerMessage() {
            return (double) statements.size() / messages;
        }

        double redisPerMessage() {
            return (double) redisCalls.values().stream().mapToLong(Long::longValue).sum() / messages;
        }

        @Override
        public String toString() {
            Map<String, Long> byKind = statements.stream().collect(Collectors.groupingBy(sql -> sql.split(" ")[0] + " "
                    + table(sql), Collectors.counting()));
            return String.format("%d requests, %d messages: %.2f PostgreSQL statements per message %s, %.2f Redis commands"
                    + " per message %s", requests, messages, statementsPerMessage(), byKind, redisPerMessage(), redisCalls);
        }
    }

    /** Leaves out the callback outbox poll (CallbackQueue: WITH due AS ...), which runs on a timer, not per request. */
    private static List<String> requestPath(List<String> executed) {
        return executed.stream().filter(sql -> !sql.startsWith("WITH due AS")).toList();
    }

    private static String table(String sql) {
        Matcher from = TABLE.matcher(sql);
        if (sql.startsWith("SELECT") && from.find()) {
            return from.group(1);
        }
        String[] words = sql.split(" ");
        return words.length > 2 ? words[2] : "";
    }

    private static List<String> phones(int count) {
        List<String> phones = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> phones.add(Phones.unique("138")));
        return phones;
    }

    private static ApiResponse send(List<String> phones) {
        return send(phones, false);
    }

    private static ApiResponse send(List<String> phones, boolean idempotent) {
        SignedRequest request = SignedRequest.post("/v1/messages").by(app.key()).json(Map.of("phones", phones,
                "text", "【示例科技】您的订单已发货，请注意查收。", "type", "NOTIFICATION"));
        return api.send(idempotent ? request.header("Idempotency-Key", "cost-" + UUID.randomUUID()) : request);
    }

    private static void expectAccepted(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().get("rejected")).as(response.toString()).isEmpty();
    }
}
