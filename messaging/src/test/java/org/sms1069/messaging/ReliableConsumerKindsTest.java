package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer that takes some kinds of a topic's records ({@link ReliableConsumer#onlyKinds}) passes over the others
 * without reading them, and commits past them; records without a kind are read as before. Against a real broker, in
 * both modes.
 */
class ReliableConsumerKindsTest {
    private final String bootstrap = TestKafka.bootstrapServers();
    private final Topic<String> topic = Topic.of(TestInfra.unique("test.kinds"), String.class)
            .withKind(value -> value.startsWith("keep") ? "KEEP" : "OTHER");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String group = TestInfra.unique("group");
    private Producer<String, byte[]> producer;
    private Publisher publisher;

    @BeforeEach
    void setUp() {
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(topic, 1), TopicSpec.of(Topics.DEAD, 1)));
        producer = KafkaClients.reliableProducer(bootstrap, "test");
        publisher = new Publisher(producer);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @ParameterizedTest(name = "batched: {0}")
    @ValueSource(booleans = {false, true})
    void recordsOfOtherKindsArePassedOverUnreadAndCommitted(boolean batched) throws Exception {
        publisher.publish(topic, "k", "keep-1").get();
        publisher.publish(topic, "k", "other-1").get();
        // of another kind and unreadable: read, it would be dead-lettered
        ProducerRecord<String, byte[]> unreadable = new ProducerRecord<>(topic.name(), "k",
                "{not json".getBytes(StandardCharsets.UTF_8));
        unreadable.headers().add(Topic.KIND_HEADER, "OTHER".getBytes(StandardCharsets.US_ASCII));
        producer.send(unreadable).get();
        // written without a kind (before the topic had kinds, or a dead letter replayed): read as before
        publisher.publishBytes(topic.name(), "k", "\"no kind\"".getBytes(StandardCharsets.UTF_8)).get();
        publisher.publish(topic, "k", "keep-2").get();

        List<String> handled = new CopyOnWriteArrayList<>();
        try (ReliableConsumer<String> consumer = consumer(batched, handled).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("keep-2"));
        }
        assertThat(handled).containsExactly("keep-1", "no kind", "keep-2");
        assertThat(meters.find("sms_dead_letters_total").counters()).allSatisfy(c -> assertThat(c.count()).isZero());

        // the records passed over were committed with the others: the group's next consumer starts after them
        List<String> again = new CopyOnWriteArrayList<>();
        publisher.publish(topic, "k", "keep-3").get();
        try (ReliableConsumer<String> consumer = consumer(batched, again).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.contains("keep-3"));
        }
        assertThat(again).containsExactly("keep-3");
    }

    private ReliableConsumer<String> consumer(boolean batched, List<String> handled) {
        ConsumerSettings settings = ConsumerSettings.of(bootstrap, group, "test", 100);
        ReliableConsumer<String> consumer = batched
                ? ReliableConsumer.batched("test", topic, settings, records -> {
                    records.forEach(record -> handled.add(record.value()));
                    return CompletableFuture.completedFuture(null);
                }, publisher, meters)
                : new ReliableConsumer<>("test", topic, settings, record -> {
                    handled.add(record.value());
                    return CompletableFuture.completedFuture(null);
                }, publisher, meters);
        return consumer.onlyKinds(Set.of("KEEP"));
    }
}
