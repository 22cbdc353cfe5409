package org.sms1069.router.config;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.messaging.boot.HealthBeans;
import org.sms1069.messaging.boot.TracingBeans;
import org.sms1069.model.phone.NumberSegments;
import org.sms1069.router.resolve.CarrierResolver;
import org.sms1069.router.resolve.PortabilityOverrides;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** One Redis connection for the router (Lettuce multiplexes) and what the admin endpoints share with routing; tracing and health from {@code messaging.boot}. */
@Configuration(proxyBeanMethods = false)
@Import({TracingBeans.class, HealthBeans.class})
public class RouterBeans {

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(RouterProperties properties) {
        return RedisClient.create(properties.redis().uri());
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }

    @Bean
    PortabilityOverrides portabilityOverrides(StatefulRedisConnection<String, String> redis) {
        return new PortabilityOverrides(redis.async());
    }

    @Bean
    CarrierResolver carrierResolver(PortabilityOverrides overrides, MeterRegistry meters) {
        return new CarrierResolver(NumberSegments.bundled(), overrides, meters);
    }
}
