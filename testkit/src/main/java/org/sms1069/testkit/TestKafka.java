package org.sms1069.testkit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/**
 * The Kafka broker for tests: the one named by {@code SMS_TEST_KAFKA_BOOTSTRAP} (deploy/test.sh starts a
 * real broker from the Maven Central jars and sets it), otherwise one in-process KRaft broker per JVM.
 * Either way a real broker over TCP; tests use fresh topic names or group ids to stay independent.
 */
public final class TestKafka {
    private static volatile String bootstrap;

    private TestKafka() {
    }

    public static String bootstrapServers() {
        String external = System.getenv("SMS_TEST_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (bootstrap == null) {
            synchronized (TestKafka.class) {
                if (bootstrap == null) {
                    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
                    broker.brokerProperties(Map.of(
                            "group.initial.rebalance.delay.ms", "0",
                            "auto.create.topics.enable", "false"));
                    broker.afterPropertiesSet();
                    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
                    bootstrap = broker.getBrokersAsString();
                }
            }
        }
        return bootstrap;
    }
}
