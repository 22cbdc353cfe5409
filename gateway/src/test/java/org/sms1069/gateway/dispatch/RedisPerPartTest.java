package org.sms1069.gateway.dispatch;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.dlr.Correlation;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.model.Carrier;
import org.sms1069.testkit.PrivateRedis;
import org.sms1069.testkit.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a part costs in Redis when it goes alone (batches of one: a quiet link), counted by {@code INFO commandstats}
 * of a Redis server of the test's own (a script's own commands counted): its claim, its done marker, its receipt
 * correlation and its receipt. A window's expiry is set once per window, not by every script run.
 */
class RedisPerPartTest {
    private static final int PARTS = 10;
    private static final Duration SETTLED = Duration.ofMinutes(10);

    /** Now: Redis expires the windows by its own clock. */
    private final TestClock clock = new TestClock(Instant.now());
    private PrivateRedis redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private PartClaims claims;
    private ReceiptCorrelator correlator;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(PrivateRedis.available(), "needs " + PrivateRedis.BINARY);
        redis = PrivateRedis.start();
        client = RedisClient.create(redis.uri());
        connection = client.connect();
        claims = new PartClaims(connection.async(), Duration.ofSeconds(30), SETTLED, "test", clock);
        correlator = new ReceiptCorrelator(connection.async(), Duration.ofHours(2), SETTLED, new SimpleMeterRegistry(), clock);
    }

    @AfterEach
    void stop() {
        if (redis != null) {
            connection.close();
            client.shutdown();
            redis.close();
        }
    }

    @Test
    void aPartAloneCostsFourteenCommandsAndEveryWindowExpires() throws Exception {
        redis.resetCounts();
        for (int i = 0; i < PARTS; i++) {
            PartClaims.Claim claim = claims.newClaim("m" + i + ":1:1");
            assertThat(get(claims.take(claim)).state()).isEqualTo(PartClaims.State.TAKEN);
            String carrierId = "C0FFEE" + i;
            assertThat(get(claims.finish(claim, PartClaims.Settled.accepted(List.of(carrierId), false)))).isTrue();
            get(correlator.register("acct", correlation("m" + i, carrierId), false));
            assertThat(get(correlator.match(receipt(carrierId)))).isPresent();
        }
        Map<String, Long> calls = redis.commandCalls();
        calls.remove("config|resetstat");
        calls.remove("info");

        // per part: claim EVALSHA + HMGET (current window and its mark) + HMGET (previous) + HSET; done marker EVALSHA +
        // HMGET + HSET; correlation EVALSHA + MGET (early receipts and the window's mark) + HSET; receipt EVALSHA +
        // HMGET + HDEL + HSET; once per window its PEXPIREAT (three windows, and the correlation's mark SET and HSET);
        // and once per script (four) the EVAL that loads it, its first EVALSHA being answered NOSCRIPT by this fresh server
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).as("%s", calls).isLessThanOrEqualTo(14L * PARTS + 6 + 4);
        assertThat(calls.get("eval")).as("%s", calls).isEqualTo(4L);
        assertThat(calls.get("pexpireat")).as("%s", calls).isEqualTo(4L);
        List<String> keys = connection.sync().keys("*");
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(connection.sync().pttl(key)).as(key).isPositive());
    }

    @Test
    void aDoneMarkerIsSeenFromTheNextWindowAndTheNewWindowGetsItsOwnExpiry() throws Exception {
        PartClaims.Claim claim = claims.newClaim("m-late:1:1");
        get(claims.take(claim));
        get(claims.finish(claim, PartClaims.Settled.of(PartClaims.Outcome.FAILED)));
        clock.advance(SETTLED);

        PartClaims.Claim again = claims.newClaim("m-late:1:1");
        assertThat(get(claims.take(again)).state()).isEqualTo(PartClaims.State.DONE);
        PartClaims.Claim next = claims.newClaim("m-next:1:1");
        assertThat(get(claims.take(next)).state()).isEqualTo(PartClaims.State.TAKEN);
        assertThat(get(claims.finish(next, PartClaims.Settled.of(PartClaims.Outcome.FAILED)))).isTrue();

        List<String> windows = connection.sync().keys("sms:parts:*");
        assertThat(windows).hasSize(2).allSatisfy(key -> assertThat(connection.sync().pttl(key)).as(key).isPositive());
        assertThat(get(claims.inspect("m-next:1:1"))).isEqualTo("F");
    }

    @Test
    void aReceiptInANewWindowLeavesEveryWindowWithItsExpiry() throws Exception {
        get(correlator.register("acct", correlation("m-a", "C0DE01"), false));
        assertThat(get(correlator.match(receipt("C0DE01")))).isPresent();
        get(correlator.register("acct", correlation("m-b", "C0DE02"), false));
        // past the ends of the newest waiting window (2 h / 12) and of the settled one (10 min): the receipt finds its
        // part in an older waiting window and moves it into a settled window no script has written yet
        clock.advance(Duration.ofMinutes(11));

        assertThat(get(correlator.match(receipt("C0DE02")))).isPresent();
        get(correlator.register("acct", correlation("m-c", "C0DE03"), false));

        List<String> keys = connection.sync().keys("*");
        assertThat(keys.stream().filter(key -> key.startsWith("sms:dlr-got:"))).hasSize(2);
        assertThat(keys).allSatisfy(key -> assertThat(connection.sync().pttl(key)).as(key).isPositive());
        assertThat(get(correlator.waiting("acct"))).isEqualTo(1);
    }

    private static Correlation correlation(String messageId, String carrierId) {
        return new Correlation(messageId, "13800138000", 1, 1, Carrier.CMCC, "link-1", carrierId,
                Instant.now(), "0:1");
    }

    private static Receipt receipt(String carrierId) {
        return new Receipt("link-1", "acct", carrierId, "8613800138000", "DELIVRD", "000", Instant.now());
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
