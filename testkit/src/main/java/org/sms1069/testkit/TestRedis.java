package org.sms1069.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * One connection per test JVM to the real Redis that {@link TestInfra#redisUri()} names, closed when the JVM
 * exits. Tests stay independent by using keys of their own ({@link TestInfra#unique}).
 */
public final class TestRedis {
    private static volatile StatefulRedisConnection<String, String> connection;

    private TestRedis() {
    }

    public static RedisAsyncCommands<String, String> async() {
        return connection().async();
    }

    public static RedisCommands<String, String> sync() {
        return connection().sync();
    }

    private static StatefulRedisConnection<String, String> connection() {
        if (connection == null) {
            synchronized (TestRedis.class) {
                if (connection == null) {
                    RedisClient client = RedisClient.create(TestInfra.redisUri());
                    StatefulRedisConnection<String, String> opened = client.connect();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        opened.close();
                        client.shutdown();
                    }, "test-redis-close"));
                    connection = opened;
                }
            }
        }
        return connection;
    }
}
