package org.sms1069.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.testkit.PrivateRedis;
import org.sms1069.testkit.RedisMonitor;
import org.sms1069.testkit.TopicReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What one single-part message costs in Redis through the whole platform (api, router, gateway, the SMPP simulator's
 * submit response and receipt), on a Redis server of this test's own: the commands {@code MONITOR} shows (a script's
 * own commands counted, as the benchmark counts them) per delivered message, one phone per request and one message at
 * a time, so that every batch is of one (the worst case: nothing amortised), leaving out what the services do on their
 * timers; and {@code MEMORY USAGE} of every key per message while the messages wait for their receipts and after they
 * are final. Prints the figures that docs/benchmarks.md ("Redis per message, counted") quotes.
 */
class RedisPerMessageTest {
    /** Long enough for the memory test's messages to be sent before the first receipt comes. */
    private static final Duration RECEIPT_DELAY = Duration.ofSeconds(6);
    private static final int ONE_AT_A_TIME = 10;
    private static final int IN_FLIGHT = 20;
    private static final String TEXT = "【示例科技】您的订单已发货，请注意查收。";
    private static final AtomicInteger phones = new AtomicInteger();
    /**
     * What the services do on their own timers whether messages flow or not: the gateway's link-slot leases and its
     * sweep of unfinished MO messages. Left out by key rather than estimated from a quiet period and subtracted: that
     * estimate, scaled to the run's length, put its noise into the per-message figure.
     */
    private static final Predicate<String> PERIODIC = key -> key.startsWith("sms:link-slots:") || key.startsWith("sms:mo:");

    private static PrivateRedis redis;
    private static Platform platform;
    private static SignedClient app;

    @BeforeAll
    static void start() {
        assumeTrue(PrivateRedis.available(), "needs " + PrivateRedis.BINARY);
        try {
            redis = PrivateRedis.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        platform = new Platform(RECEIPT_DELAY, List.of(), redis.uri());
        app = platform.onboardApp("Redis per message", "", "示例科技");
        // warm-up: caches filled, consumer groups joined, scripts loaded
        awaitDelivered(List.of(send()));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aMessageSentAloneCostsAtMostItsBudgetOfRedisCommands() {
        List<RedisMonitor.Command> commands;
        try (RedisMonitor monitor = RedisMonitor.open(redis.uri())) {
            for (int i = 0; i < ONE_AT_A_TIME; i++) {
                awaitDelivered(List.of(send()));
            }
            sleep(Duration.ofSeconds(1)); // the api's status write after the last DELIVERED
            commands = monitor.commands(command -> !PERIODIC.test(command.callKey()));
        }
        Map<String, Long> byFamily = new TreeMap<>();
        commands.forEach(command -> byFamily.merge(PrivateRedis.family(command.callKey()), 1L, Long::sum));
        double perMessage = (double) commands.size() / ONE_AT_A_TIME;
        System.out.printf("Redis per message, counted: %d messages one at a time: %.2f commands per message"
                + " (%d in all, by the first key of the call that sent them: %s)%n", ONE_AT_A_TIME, perMessage,
                commands.size(), byFamily);
        // 19 per message, and a window's expiry set once per window (up to 5 more commands when the run crosses a
        // window's end); 24 before the windows' expiry was set once per window. A guard against going back, not the
        // goal (docs/benchmarks.md, "Redis per message, counted")
        assertThat(perMessage).as("%s", byFamily).isLessThanOrEqualTo(20.0);
    }

    @Test
    void aMessageHoldsAtMostItsBudgetOfRedisMemoryAndNothingWaitsOnceFinal() {
        PrivateRedis.KeyMemory before = redis.keyMemory();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            ids.add(send());
        }
        awaitStatus(ids, MessageStatus.SUBMITTED);
        PrivateRedis.KeyMemory inFlight = redis.keyMemory().minus(before);
        awaitDelivered(ids);
        PrivateRedis.KeyMemory afterFinal = redis.keyMemory().minus(before);

        System.out.printf("Redis per message, counted: %d messages, key memory per message %d B in flight (%.2f keys, %s),"
                        + " %d B after final (%.2f keys, %s)%n", IN_FLIGHT, inFlight.bytes() / IN_FLIGHT,
                (double) inFlight.keys() / IN_FLIGHT, inFlight.byPrefix(), afterFinal.bytes() / IN_FLIGHT,
                (double) afterFinal.keys() / IN_FLIGHT, afterFinal.byPrefix());
        // about 370 B measured (ids, phones and listpack sizes vary by a few per cent from run to run; 518 B before the
        // nonce and the identical-content marker had short keys): a guard against going back, not the 300 B goal,
        // which is missed (docs/benchmarks.md)
        assertThat(inFlight.bytes() / IN_FLIGHT).as("%s", inFlight).isLessThanOrEqualTo(420);
        assertThat(afterFinal.bytes() / IN_FLIGHT).as("%s", afterFinal).isLessThanOrEqualTo(420);
        assertThat(redis.hashFields("sms:dlr:*")).as("parts waiting for a receipt").isZero();
    }

    /** One NOTIFICATION to a new CMCC phone; answers its message id. */
    private static String send() {
        String phone = "1380" + String.format("%07d", 1_000_000 + phones.incrementAndGet());
        SignedClient.Response sent = app.post("/v1/messages", Map.of("phones", List.of(phone), "text", TEXT,
                "type", "NOTIFICATION"));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        return sent.body().get("messages").get(0).get("messageId").asText();
    }

    private static void awaitDelivered(List<String> ids) {
        awaitStatus(ids, MessageStatus.DELIVERED);
    }

    /** Waits on sms.status, not on the api's status endpoint: a signed GET would cost Redis commands of its own. */
    private static void awaitStatus(List<String> ids, MessageStatus status) {
        Set<String> wanted = new HashSet<>(ids);
        List<?> found = TopicReader.await(Topics.STATUS, event -> wanted.contains(event.messageId())
                && event.status() == status, ids.size());
        assertThat(found).as("%s on sms.status for %s", status, ids).hasSize(ids.size());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
