package org.sms1069.api.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.store.MessageStore;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topics;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.json.SmsJson;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/** Creates the api's topics and consumes {@code sms.status} into the message store. */
@Component
public class ApiKafkaRuntime implements SmartLifecycle {
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final ApiProperties properties;
    private final MessageStore store;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private ReliableConsumer statusConsumer;

    public ApiKafkaRuntime(ApiProperties properties, MessageStore store, Publisher publisher, MeterRegistry meters) {
        this.properties = properties;
        this.store = store;
        this.publisher = publisher;
        this.meters = meters;
    }

    @Override
    public void start() {
        ApiProperties.Kafka kafka = properties.kafka();
        int partitions = kafka.partitions();
        TopicAdmin.ensure(kafka.bootstrapServers(), kafka.replicationFactor(), List.of(
                TopicSpec.of(Topics.SUBMIT, partitions), TopicSpec.of(Topics.STATUS, partitions),
                TopicSpec.of(Topics.MO, partitions), TopicSpec.of(Topics.BLOCKED, partitions), TopicSpec.of(Topics.DEAD, 1)));
        statusConsumer = new ReliableConsumer("api",
                KafkaClients.manualCommitConsumer(kafka.bootstrapServers(), "api-status", "api-status", 500),
                List.of(Topics.STATUS),
                record -> store.apply(SmsJson.read(record.value(), StatusEvent.class)).timeout(STORE_TIMEOUT).toFuture(),
                publisher, meters).start();
    }

    @Override
    public void stop() {
        if (statusConsumer != null) {
            statusConsumer.close();
            statusConsumer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return statusConsumer != null;
    }
}
