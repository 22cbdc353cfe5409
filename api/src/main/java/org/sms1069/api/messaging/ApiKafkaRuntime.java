package org.sms1069.api.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.api.callback.CallbackOutbox;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.mo.MoIntake;
import org.sms1069.api.store.MessageStore;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topics;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.json.SmsJson;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * Creates the api's topics, consumes {@code sms.status} into the message store (queuing a status
 * callback in the same transaction when the message's status changed) and {@code sms.mo} into the MO intake.
 */
@Component
public class ApiKafkaRuntime implements SmartLifecycle {
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final ApiProperties properties;
    private final MessageStore store;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final CallbackOutbox callbacks;
    private final MoIntake mo;
    private final TransactionalOperator tx;
    private ReliableConsumer statusConsumer;
    private ReliableConsumer moConsumer;

    public ApiKafkaRuntime(ApiProperties properties, MessageStore store, Publisher publisher, MeterRegistry meters,
                           CallbackOutbox callbacks, MoIntake mo, TransactionalOperator tx) {
        this.properties = properties;
        this.store = store;
        this.publisher = publisher;
        this.meters = meters;
        this.callbacks = callbacks;
        this.mo = mo;
        this.tx = tx;
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
                record -> applyStatus(SmsJson.read(record.value(), StatusEvent.class)).timeout(STORE_TIMEOUT).toFuture(),
                publisher, meters).start();
        moConsumer = new ReliableConsumer("api",
                KafkaClients.manualCommitConsumer(kafka.bootstrapServers(), "api-mo", "api-mo", 500),
                List.of(Topics.MO),
                record -> mo.accept(SmsJson.read(record.value(), MoMessage.class)).timeout(STORE_TIMEOUT).toFuture(),
                publisher, meters).start();
    }

    /** The status change and its callback commit together: a redelivered event changes nothing and queues nothing. */
    private Mono<Void> applyStatus(StatusEvent event) {
        return store.applyChange(event)
                .flatMap(changed -> callbacks.statusChanged(changed, event))
                .as(tx::transactional);
    }

    @Override
    public void stop() {
        if (moConsumer != null) {
            moConsumer.close();
            moConsumer = null;
        }
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
