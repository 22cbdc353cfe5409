package org.sms1069.api;

import org.sms1069.api.config.ApiProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.sms1069.api.auth.SecretCipher;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.messaging.boot.HealthBeans;
import org.sms1069.messaging.boot.TracingBeans;
import org.sms1069.model.phone.NumberSegments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@Import({TracingBeans.class, HealthBeans.class})
class ApiBeans {

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(ApiProperties properties) {
        RedisClient client = RedisClient.create(properties.redis().uri());
        // Reactive results would otherwise be emitted on Lettuce's single I/O thread, and every
        // operator after a Redis call (auth, filter, database, Kafka) would run there too.
        // A command waits at most command-timeout, also while the connection is down and reconnecting,
        // so that a Redis outage answers 503 instead of holding requests.
        client.setOptions(ClientOptions.builder().publishOnScheduler(true)
                .timeoutOptions(TimeoutOptions.enabled(properties.redis().commandTimeout())).build());
        return client;
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }

    @Bean
    RedisReactiveCommands<String, String> redis(StatefulRedisConnection<String, String> connection) {
        return connection.reactive();
    }

    @Bean(destroyMethod = "close")
    Publisher publisher(ApiProperties properties, RecordTracing tracing) {
        return new Publisher(KafkaClients.reliableProducer(properties.kafka(), "api"), tracing);
    }

    @Bean
    SecretCipher secretCipher(ApiProperties properties) {
        return new SecretCipher(properties.security().masterKey());
    }

    @Bean
    NumberSegments numberSegments() {
        return NumberSegments.bundled();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
