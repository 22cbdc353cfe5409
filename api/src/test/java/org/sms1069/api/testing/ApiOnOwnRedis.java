package org.sms1069.api.testing;

import org.sms1069.testkit.PrivateRedis;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An api on a Redis server of the test's own, so that the server's command counts are this api's alone. */
public record ApiOnOwnRedis(PrivateRedis redis, RunningApi api) implements AutoCloseable {

    /** Skips the test where no {@code redis-server} can be started; see {@link RunningApi#startWith} for the rest. */
    public static ApiOnOwnRedis start(ApplicationContextInitializer<GenericApplicationContext> beans, String... overrides)
            throws IOException {
        assumeTrue(PrivateRedis.available(), "needs " + PrivateRedis.BINARY);
        PrivateRedis redis = PrivateRedis.start();
        List<String> properties = new ArrayList<>(List.of(overrides));
        properties.add("sms.redis.uri=" + redis.uri());
        try {
            return new ApiOnOwnRedis(redis, RunningApi.startWith(beans, properties.toArray(String[]::new)));
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public static ApiOnOwnRedis start() throws IOException {
        return start(context -> {
        });
    }

    @Override
    public void close() {
        api.close();
        redis.close();
    }
}
