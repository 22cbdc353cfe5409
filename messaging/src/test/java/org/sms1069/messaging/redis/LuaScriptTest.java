package org.sms1069.messaging.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.testkit.PrivateRedis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A script runs by its SHA-1 on a Redis server of the test's own (so that {@code INFO commandstats} counts only this
 * test): the first run after SCRIPT FLUSH falls back to EVAL, which caches the script, and later runs are EVALSHA only.
 */
class LuaScriptTest {
    private static final LuaScript INCR_BY = LuaScript.of("return redis.call('INCRBY', KEYS[1], ARGV[1])");
    private static final int RUNS = 5;

    private PrivateRedis redis;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(PrivateRedis.available(), "needs " + PrivateRedis.BINARY);
        redis = PrivateRedis.start();
        connection = redis.connect();
    }

    @AfterEach
    void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void asyncRunsFallBackToEvalOnceAfterAFlushThenGoByTheirSha() {
        assertRunsBySha(() -> INCR_BY.<Long>run(connection.async(), ScriptOutputType.INTEGER, new String[]{"n"}, "2")
                .toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void reactiveRunsFallBackToEvalOnceAfterAFlushThenGoByTheirSha() {
        assertRunsBySha(() -> INCR_BY.<Long>run(connection.reactive(), ScriptOutputType.INTEGER, new String[]{"n"}, "2")
                .single().block(Duration.ofSeconds(10)));
    }

    @Test
    void anErrorOfTheScriptItselfIsNotRetriedWithItsText() {
        LuaScript failing = LuaScript.of("return redis.error_reply('ERR no luck')");
        for (int run = 0; run < 2; run++) {
            assertThat(failing.<Long>run(connection.async(), ScriptOutputType.INTEGER, new String[0]).toCompletableFuture())
                    .failsWithin(10, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("no luck");
        }
        assertThat(calls("evalsha")).isEqualTo(2);
        assertThat(calls("eval")).as("only the first run, when Redis did not know the script").isOne();
    }

    private void assertRunsBySha(Supplier<Long> run) {
        connection.sync().scriptFlush();
        assertThat(connection.sync().scriptExists(INCR_BY.sha())).containsExactly(false);
        long evals = calls("eval");
        long evalshas = calls("evalsha");

        assertThat(run.get()).as("first run, unknown to Redis").isEqualTo(2L);
        assertThat(calls("eval")).as("the fallback sends the text once").isEqualTo(evals + 1);
        assertThat(connection.sync().scriptExists(INCR_BY.sha())).containsExactly(true);

        long evalshasAfterFirst = calls("evalsha");
        assertThat(evalshasAfterFirst).as("tried by its SHA first").isEqualTo(evalshas + 1);
        for (int i = 2; i <= RUNS; i++) {
            assertThat(run.get()).isEqualTo(2L * i);
        }
        assertThat(calls("evalsha")).as("later runs by SHA").isEqualTo(evalshasAfterFirst + RUNS - 1);
        assertThat(calls("eval")).as("no text sent again").isEqualTo(evals + 1);
    }

    private long calls(String command) {
        return redis.commandCalls().getOrDefault(command, 0L);
    }
}
