package org.sms1069.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RedisMonitorTest {

    @Test
    void aScriptsCommandsBelongToTheCallThatRanTheScript() throws Exception {
        assumeTrue(PrivateRedis.available(), "needs " + PrivateRedis.BINARY);
        try (PrivateRedis redis = PrivateRedis.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            List<RedisMonitor.Command> seen;
            try (StatefulRedisConnection<String, String> connection = client.connect();
                 RedisMonitor monitor = RedisMonitor.open(redis.uri())) {
                connection.sync().set("plain:1", "say \"hi\"");
                connection.sync().eval("redis.call('GET', KEYS[1]) return redis.call('SET', KEYS[2], ARGV[1])",
                        ScriptOutputType.STATUS, new String[]{"first:1", "second:2"}, "v");
                connection.sync().time();
                seen = awaitCommands(monitor, 5);
            } finally {
                client.shutdown();
            }

            assertThat(seen).extracting(RedisMonitor.Command::name).containsExactly("set", "eval", "get", "set", "time");
            assertThat(seen.get(0).args()).containsExactly("plain:1", "say \"hi\"");
            assertThat(seen.get(0).callKey()).isEqualTo("plain:1");
            assertThat(seen.get(2).sentBy()).isSameAs(seen.get(1));
            assertThat(seen.get(3).sentBy()).isSameAs(seen.get(1));
            assertThat(seen.subList(1, 4)).extracting(RedisMonitor.Command::callKey).containsOnly("first:1");
            assertThat(seen.get(4).sentBy()).isNull();
            assertThat(seen.get(4).callKey()).isEmpty();
        }
    }

    private static List<RedisMonitor.Command> awaitCommands(RedisMonitor monitor, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        List<RedisMonitor.Command> seen = monitor.commands(command -> true);
        while (seen.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            seen = monitor.commands(command -> true);
        }
        return seen;
    }
}
