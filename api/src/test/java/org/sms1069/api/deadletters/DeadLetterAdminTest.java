package org.sms1069.api.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Problems;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.messaging.ConsumerSettings;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Topic;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters as a service really writes them (a {@link ReliableConsumer} whose handler refuses every
 * record of a fresh topic), listed and replayed through the admin API against the real broker.
 */
class DeadLetterAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningApi api;
    private static RunningApi.TestApp app;
    private static Publisher publisher;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        app = api.onboardApp("Dead letters", "", "示例科技");
        publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), TestInfra.unique("dead-test")));
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theNewestLettersOfATopicAreListedAndReplayedToItWithTheirKeys() throws Exception {
        String topic = TestInfra.unique("dead-source");
        List<String> values = List.of("{\"n\":1", "{\"n\":2", "{\"n\":3");
        deadLetter(topic, values);

        JsonNode newest = list(topic, 2);
        JsonNode letters = newest.get("deadLetters");
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).get("letter").get("value").asText()).isEqualTo(values.get(2));
        assertThat(letters.get(0).get("letter").get("key").asText()).isEqualTo("key-2");
        assertThat(letters.get(0).get("letter").get("offset").asLong()).isEqualTo(2);
        assertThat(letters.get(0).get("letter").get("service").asText()).isEqualTo("dead-test");
        assertThat(letters.get(0).get("letter").get("error").asText()).contains("unreadable");
        assertThat(letters.get(1).get("letter").get("value").asText()).isEqualTo(values.get(1));
        assertThat(letters.get(0).get("offset").asLong()).isGreaterThan(letters.get(1).get("offset").asLong());

        JsonNode all = list(topic, 10).get("deadLetters");
        long from = all.get(2).get("offset").asLong();
        long to = all.get(0).get("offset").asLong();
        ApiResponse replayed = api.send(SignedRequest.post("/admin/v1/dead-letters/replay").by(RunningApi.ADMIN)
                .json(Map.of("fromOffset", from, "toOffset", to, "topic", topic)));

        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        JsonNode done = replayed.json().get("replayed");
        assertThat(done).hasSize(3);
        done.forEach(r -> assertThat(r.get("topic").asText()).isEqualTo(topic));
        List<ConsumerRecord<String, byte[]>> onTopic = readAll(topic, 6);
        List<String> replayedBack = onTopic.subList(3, 6).stream()
                .map(r -> r.key() + "=" + new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(replayedBack).containsExactly("key-0=" + values.get(0), "key-1=" + values.get(1), "key-2=" + values.get(2));
    }

    @Test
    void offsetsThatHoldNoLetterAreAnsweredAsNotReplayed() {
        ApiResponse replayed = api.send(SignedRequest.post("/admin/v1/dead-letters/replay").by(RunningApi.ADMIN)
                .json(Map.of("offsets", List.of(Long.MAX_VALUE - 1))));

        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.json().get("replayed")).isEmpty();
        assertThat(replayed.json().get("notReplayed").get(0).get("reason").asText()).isEqualTo("no record at this offset");
    }

    @Test
    void aSelectionMustBeARangeOrAListAndOnlyAdminsMayReplay() {
        Problems.assertProblem(api.send(SignedRequest.post("/admin/v1/dead-letters/replay").by(RunningApi.ADMIN)
                .json(Map.of("fromOffset", 5, "offsets", List.of(1)))), 400, "VALIDATION_FAILED");
        Problems.assertProblem(api.send(SignedRequest.post("/admin/v1/dead-letters/replay").by(RunningApi.ADMIN)
                .json(Map.of("fromOffset", 0, "toOffset", 5000))), 400, "VALIDATION_FAILED");
        Problems.assertProblem(api.send(SignedRequest.get("/admin/v1/dead-letters").by(app.key())), 403, "FORBIDDEN");
    }

    @Test
    void theOpsCommandListsAndReplaysSignedWithTheAdminKey() throws Exception {
        String topic = TestInfra.unique("dead-ops");
        deadLetter(topic, List.of("not json"));

        JsonNode listed = JSON.readTree(opsCommand("list", topic, "5"));
        assertThat(listed.get("deadLetters")).hasSize(1);
        String offset = listed.get("deadLetters").get(0).get("offset").asText();
        JsonNode replayed = JSON.readTree(opsCommand("replay", offset, offset, topic));

        assertThat(replayed.get("replayed")).hasSize(1);
        assertThat(replayed.get("replayed").get(0).get("topic").asText()).isEqualTo(topic);
        assertThat(readAll(topic, 2)).hasSize(2);
    }

    /** deploy/ops/replay-dead-letters.sh as an operator runs it; answers its output. */
    private static String opsCommand(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "deploy", "ops", "replay-dead-letters.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("SMS_API_URL", api.baseUrl(), "SMS_ADMIN_KEY_ID", RunningApi.ADMIN.keyId(),
                "SMS_ADMIN_KEY_SECRET", RunningApi.ADMIN.secret()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** Records on a fresh topic that a real consumer cannot parse: it dead-letters each of them. */
    private static void deadLetter(String topic, List<String> values) throws Exception {
        TopicAdmin.ensure(TestKafka.bootstrapServers(), (short) 1, List.of(TopicAdmin.TopicSpec.of(topic, 1)));
        for (int i = 0; i < values.size(); i++) {
            publisher.publishBytes(topic, "key-" + i, values.get(i).getBytes(StandardCharsets.UTF_8)).get();
        }
        ConsumerSettings settings = ConsumerSettings.of(TestKafka.bootstrapServers(), TestInfra.unique("dead-test"),
                "dead-test", 10);
        try (ReliableConsumer<String> consumer = new ReliableConsumer<>("dead-test", Topic.of(topic, String.class), settings,
                record -> {
                    throw new PoisonRecordException("unusable record");
                }, publisher, new SimpleMeterRegistry()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> list(topic, 10).get("deadLetters").size() == values.size());
        }
    }

    private static JsonNode list(String topic, int limit) {
        ApiResponse listed = api.send(SignedRequest.get("/admin/v1/dead-letters?limit=" + limit + "&topic=" + topic)
                .by(RunningApi.ADMIN));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        return listed.json();
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            return records;
        }
    }
}
