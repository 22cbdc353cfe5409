package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.testkit.BrokerProcess;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Faults around the consumer: a paused broker, a handler that keeps failing. It goes on and says how it is. */
class ReliableConsumerFaultTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aBrokerPausedWhileACommitIsDueDoesNotStopTheConsumer() throws Exception {
        Topic<String> topic = Topic.of(TestInfra.unique("test.pause"), String.class);
        try (BrokerProcess broker = BrokerProcess.start(Path.of(".."))) {
            TopicAdmin.ensure(broker.bootstrapServers(), (short) 1, List.of(TopicSpec.of(topic, 1), TopicSpec.of(Topics.DEAD, 1)));
            // short client timeouts so that the pause outlasts them, as a 90 s pause outlasts the defaults
            ConsumerSettings settings = ConsumerSettings.of(broker.bootstrapServers(), TestInfra.unique("group"), "test", 10)
                    .withKafka(Map.of(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                            ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
            List<String> handled = new CopyOnWriteArrayList<>();
            CountDownLatch inHandler = new CountDownLatch(1);
            CountDownLatch brokerPaused = new CountDownLatch(1);
            try (Publisher publisher = new Publisher(KafkaClients.reliableProducer(broker.bootstrapServers(), "test"));
                 ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings, record -> {
                     if (record.value().equals("before")) {
                         inHandler.countDown();
                         brokerPaused.await(30, TimeUnit.SECONDS); // the commit of this record meets a paused broker
                     }
                     handled.add(record.value());
                     return CompletableFuture.completedFuture(null);
                 }, publisher, meters).start()) {
                publisher.publish(topic, "k", "before").get();
                assertThat(inHandler.await(60, TimeUnit.SECONDS)).isTrue();
                broker.pause();
                brokerPaused.countDown();
                Thread.sleep(8_000);
                broker.resume();

                publisher.publish(topic, "k", "after").get(60, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(90)).until(() -> handled.contains("after"));
                assertThat(consumer.status().running()).isTrue();
            }
        }
    }

    @Test
    void aConsumerThatMakesNoProgressWhileRecordsWaitReportsItselfStalledAndRecovers() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        Topic<String> topic = Topic.of(TestInfra.unique("test.stall"), String.class);
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(topic, 1), TopicSpec.of(Topics.DEAD, 1)));
        AtomicBoolean downstreamUp = new AtomicBoolean();
        List<String> handled = new CopyOnWriteArrayList<>();
        ConsumerHealth health = new ConsumerHealth();
        ConsumerSettings settings = ConsumerSettings.of(bootstrap, TestInfra.unique("group"), "test", 10)
                .withStallAfter(Duration.ofSeconds(1));
        try (Publisher publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "test"));
             ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings, record -> {
                 if (!downstreamUp.get()) {
                     return CompletableFuture.failedFuture(new IllegalStateException("database down"));
                 }
                 handled.add(record.value());
                 return CompletableFuture.completedFuture(null);
             }, publisher, meters).watchedBy(health).start()) {
            publisher.publish(topic, "k", "one").get();
            publisher.publish(topic, "k", "two").get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !health.healthy());
            assertThat(health.statuses()).singleElement().satisfies(status -> {
                assertThat(status.stalled()).isTrue();
                assertThat(status.lag()).isPositive();
            });
            assertThat(meters.get("sms_consumer_lag").tag("group", settings.group()).gauge().value()).isPositive();

            downstreamUp.set(true);
            consumer.resumeAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("two") && health.healthy());
        }
        assertThat(health.statuses()).isEmpty();
    }
}
