package org.sms1069.messaging;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topic;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reader against the real broker: state written before it starts, then changes, deletes and bad records. */
class CompactedTopicReaderTest {
    private final String bootstrap = TestKafka.bootstrapServers();
    private final Topic<String> topic = Topic.of(TestInfra.unique("test.compacted"), String.class);

    @Test
    void readsWhatWasWrittenBeforeItStartedThenEveryChangeInOrderSkippingWhatDoesNotDecode() throws Exception {
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.compacted(topic, 2)));
        Map<String, String> latest = new ConcurrentHashMap<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, byte[]> producer = KafkaClients.reliableProducer(bootstrap, "compacted-test")) {
            producer.send(new ProducerRecord<>(topic.name(), "a", topic.encode("UP"))).get();
            producer.send(new ProducerRecord<>(topic.name(), "b", topic.encode("DOWN"))).get();

            try (CompactedTopicReader<String> reader = new CompactedTopicReader<>(KafkaSettings.of(bootstrap, TestInfra.randomKey()),
                    topic, TestInfra.unique("reader"), (key, value) -> {
                        seen.add(key + "=" + value);
                        if (value == null) {
                            latest.remove(key);
                        } else {
                            latest.put(key, value);
                        }
                    })) {
                assertThat(reader.start(Duration.ofSeconds(30))).as("caught up").isTrue();
                assertThat(latest).containsExactlyInAnyOrderEntriesOf(Map.of("a", "UP", "b", "DOWN"));

                producer.send(new ProducerRecord<>(topic.name(), "a", "{not json".getBytes(StandardCharsets.UTF_8))).get();
                producer.send(new ProducerRecord<>(topic.name(), "a", topic.encode("THROTTLED"))).get();
                producer.send(new ProducerRecord<String, byte[]>(topic.name(), "b", null)).get();

                await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("b=null"));
                assertThat(latest).containsExactlyInAnyOrderEntriesOf(Map.of("a", "THROTTLED"));
                assertThat(seen.stream().filter(s -> s.startsWith("a=")).toList()).containsExactly("a=UP", "a=THROTTLED");
            }
        }
    }
}
