package org.sms1069.router;

import org.junit.jupiter.api.Test;
import org.sms1069.testkit.RecordingMetricsReporter;
import org.sms1069.testkit.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code sms.kafka.properties} (where TLS and SASL settings go) reach every Kafka client the router builds. */
class RouterKafkaPropertiesTest {

    @Test
    void everyProducerConsumerAndAdminClientGetsTheClientProperties() {
        String prefix = TestInfra.unique("kp").replace("kp-", "kp");
        try (ConfigurableApplicationContext router = RunningRouter.application(
                List.of(new RunningRouter.Link(prefix + "-cmcc", "CMCC", "SMPP34")),
                "--sms.kafka.properties.metric.reporters=" + RecordingMetricsReporter.class.getName())) {
            String instance = Integer.toHexString(System.identityHashCode(router.getBean(RouterRuntime.class)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RecordingMetricsReporter.clientIds())
                    .contains("router-" + instance, "router-link-health-" + instance, "router-retry-" + instance,
                            "router-scheduled-" + instance, "router-np-" + instance)
                    .anyMatch(id -> id.startsWith("adminclient")));
        }
    }
}
