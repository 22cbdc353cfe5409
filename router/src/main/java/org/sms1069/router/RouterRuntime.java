package org.sms1069.router;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topics;
import org.sms1069.model.phone.NumberSegments;
import org.sms1069.router.config.RouterProperties;
import org.sms1069.router.link.LinkSelector;
import org.sms1069.router.resolve.CarrierResolver;
import org.sms1069.router.retry.RetryHandler;
import org.sms1069.router.submit.SubmitHandler;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Creates the topics, then runs the two consumers (submit and retry) until shutdown. */
@Component
public class RouterRuntime implements SmartLifecycle {
    private static final int MAX_POLL_RECORDS = 500;

    private final RouterProperties properties;
    private final MeterRegistry meters;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile boolean running;

    public RouterRuntime(RouterProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public void start() {
        String bootstrap = properties.kafka().bootstrapServers();
        TopicAdmin.ensure(bootstrap, properties.kafka().replicationFactor(), topics());

        RedisClient redisClient = RedisClient.create(properties.redis().uri());
        StatefulRedisConnection<String, String> redis = redisClient.connect();
        Publisher publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "router"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "router-retry-timer"));
        Clock clock = Clock.systemUTC();
        LinkSelector links = new LinkSelector(properties.links(), properties.fallback());

        SubmitHandler submit = new SubmitHandler(new CarrierResolver(NumberSegments.bundled(), redis.async()), links,
                publisher, meters, clock);
        RetryHandler retry = new RetryHandler(publisher, timer, properties.retry().maxAttempts(), meters, clock);
        ReliableConsumer submitConsumer = new ReliableConsumer("router",
                KafkaClients.manualCommitConsumer(bootstrap, "router", "router-submit", MAX_POLL_RECORDS),
                List.of(Topics.SUBMIT), submit, publisher, meters);
        ReliableConsumer retryConsumer = new ReliableConsumer("router",
                KafkaClients.manualCommitConsumer(bootstrap, "router-retry", "router-retry", MAX_POLL_RECORDS),
                List.of(Topics.RETRY), retry, publisher, meters);

        // closed in reverse order: consumers first, then what they use
        resources.add(redisClient::shutdown);
        resources.add(redis);
        resources.add(timer::shutdownNow);
        resources.add(publisher);
        resources.add(submitConsumer.start());
        resources.add(retryConsumer.start());
        running = true;
    }

    private List<TopicSpec> topics() {
        int partitions = properties.kafka().partitions();
        List<TopicSpec> topics = new ArrayList<>(List.of(TopicSpec.of(Topics.SUBMIT, partitions),
                TopicSpec.of(Topics.RETRY, partitions), TopicSpec.of(Topics.STATUS, partitions),
                TopicSpec.of(Topics.DEAD, 1)));
        properties.links().forEach(link -> topics.add(TopicSpec.of(Topics.outbound(link.id()), partitions)));
        return topics;
    }

    @Override
    public void stop() {
        running = false;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(RouterRuntime.class).warn("error while stopping", e);
            }
        }
        resources.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
