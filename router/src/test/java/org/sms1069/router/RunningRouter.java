package org.sms1069.router;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The router application in-process against the test broker and Redis, with a publisher and a Redis
 * connection for the test to drive it. Close it when done.
 */
final class RunningRouter implements AutoCloseable {
    /** The platform's text key, as the api that sealed the test's verification texts would have it. */
    static final String TEXT_KEY = TestInfra.randomKey();

    /** A configured link; none is ever connected to, the router only publishes to its topic. */
    record Link(String id, String carrier, String protocol) {
    }

    private final ConfigurableApplicationContext application;
    private final Publisher publisher;
    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, String> redis;

    private RunningRouter(ConfigurableApplicationContext application, String producerId) {
        this.application = application;
        this.publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), producerId));
        this.redisClient = RedisClient.create(TestInfra.redisUri());
        this.redis = redisClient.connect();
    }

    /** {@code settings}: further command-line properties, e.g. {@code --sms.retry.max-attempts=3}. */
    static RunningRouter start(String producerId, List<Link> links, String... settings) {
        return new RunningRouter(application(links, settings), producerId);
    }

    /** The bare application, on a random port, three partitions a topic. */
    static ConfigurableApplicationContext application(List<Link> links, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--sms.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--sms.kafka.text-key=" + TEXT_KEY,
                "--sms.kafka.partitions=3",
                "--sms.redis.uri=" + TestInfra.redisUri()));
        for (String setting : settings) {
            // a repeated command-line property would be joined with a comma, not replaced
            args.removeIf(arg -> setting.contains("=") && arg.startsWith(setting.substring(0, setting.indexOf('=') + 1)));
            args.add(setting);
        }
        for (int i = 0; i < links.size(); i++) {
            String link = "--sms.links[" + i + "].";
            Link configured = links.get(i);
            args.addAll(List.of(link + "id=" + configured.id(), link + "carrier=" + configured.carrier(),
                    link + "protocol=" + configured.protocol(), link + "host=127.0.0.1", link + "port=1",
                    link + "account=x", link + "src-id=10690123456"));
        }
        return new SpringApplicationBuilder(RouterApplication.class).properties(RouterApplication.CONFIG_NAME)
                .run(args.toArray(String[]::new));
    }

    Publisher publisher() {
        return publisher;
    }

    RedisCommands<String, String> redis() {
        return redis.sync();
    }

    <T> T bean(Class<T> type) {
        return application.getBean(type);
    }

    /** The port of the router's HTTP server (its admin endpoints). */
    int port() {
        return ((WebServerApplicationContext) application).getWebServer().getPort();
    }

    /** The port of the management server (health, info, prometheus). */
    int managementPort() {
        return Integer.parseInt(application.getEnvironment().getProperty("local.management.port"));
    }

    @Override
    public void close() {
        application.close();
        publisher.close();
        redis.close();
        redisClient.shutdown();
    }
}
