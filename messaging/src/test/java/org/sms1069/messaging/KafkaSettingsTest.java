package org.sms1069.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.testkit.RecordingMetricsReporter;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code sms.kafka}: client properties reach every kind of client; gathering consumers fetch in batches; created topics
 * get the replication settings.
 */
class KafkaSettingsTest {

    @Test
    void clientPropertiesReachProducersConsumersOffsetReadersAndAdminClients() {
        String id = TestInfra.unique("props");
        KafkaSettings kafka = new KafkaSettings(TestKafka.bootstrapServers(), 1, (short) 1, null, null, TestInfra.randomKey(),
                Map.of("metric.reporters", RecordingMetricsReporter.class.getName()));

        KafkaClients.reliableProducer(kafka, id + "-producer").close(Duration.ofSeconds(1));
        KafkaClients.manualCommitConsumer(ConsumerSettings.of(kafka, id, id + "-consumer", 1)).close(Duration.ofSeconds(1));
        KafkaClients.offsetReader(kafka, id + "-reader", 1, Map.of()).close(Duration.ofSeconds(1));
        int before = RecordingMetricsReporter.clientIds().size();
        TopicAdmin.ensure(kafka, List.of(TopicSpec.of(id, 1)));

        assertThat(RecordingMetricsReporter.clientIds()).contains(id + "-producer", id + "-consumer", id + "-reader");
        assertThat(RecordingMetricsReporter.clientIds().size()).as("the admin client too").isGreaterThan(before);
    }

    @Test
    void aGatheringConsumerWaitsForBytesOrItsWaitWhereOthersTakeEachRecordAndTheServicesOwnPropertiesWin() {
        String bootstrap = TestKafka.bootstrapServers();
        assertThat(KafkaClients.consumerConfig(ConsumerSettings.of(bootstrap, "g", "c", 1)))
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        assertThat(KafkaClients.consumerConfig(ConsumerSettings.of(bootstrap, "g", "c", 1).gathering()))
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 * 1024)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        KafkaSettings tuned = new KafkaSettings(bootstrap, 1, (short) 1, null, null, TestInfra.randomKey(),
                Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "7"));
        assertThat(KafkaClients.consumerConfig(ConsumerSettings.of(tuned, "g", "c", 1).gathering()))
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 * 1024)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "7");
    }

    @Test
    void createdTopicsGetTheMinimumInSyncReplicas() throws Exception {
        String topic = TestInfra.unique("minisr");
        KafkaSettings kafka = new KafkaSettings(TestKafka.bootstrapServers(), 2, (short) 1, 1, null, TestInfra.randomKey(), null);

        TopicAdmin.ensure(kafka, List.of(TopicSpec.of(topic, kafka.partitions())));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).source())
                    .isEqualTo(org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions())
                    .hasSize(2);
        }
    }

    @Test
    void settingsAreCheckedAndSecretsNeverPrinted() {
        assertThatThrownBy(() -> KafkaSettings.of("127.0.0.1:9092", "too-short")).hasMessageContaining("sms.kafka.text-key");
        assertThatThrownBy(() -> new KafkaSettings("127.0.0.1:9092", 1, (short) 0, null, null, TestInfra.randomKey(), null))
                .hasMessageContaining("replication-factor");
        String key = TestInfra.randomKey();
        KafkaSettings kafka = new KafkaSettings("127.0.0.1:9092", null, null, 2, null, key,
                Map.of("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required password=s3cret;"));
        assertThat(kafka.toString()).doesNotContain(key).doesNotContain("s3cret").contains("sasl.jaas.config");
        assertThat(kafka.partitions()).isEqualTo(6);
        assertThat(kafka.replicationFactor()).isEqualTo((short) 1);
    }
}
