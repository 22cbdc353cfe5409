package org.sms1069.api.messaging;

import org.sms1069.api.callback.CallbackOutbox;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.mo.MoIntake;
import org.sms1069.api.store.StatusBatchWriter;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.Topics;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.StatusEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * Creates the api's topics, consumes {@code sms.status} into the message store in batches of one poll (queuing
 * the status callbacks in the same transaction for the messages whose status changed) and {@code sms.mo} into
 * the MO intake.
 */
@Component
public class ApiKafkaRuntime implements SmartLifecycle {
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final ApiProperties properties;
    private final StatusBatchWriter statuses;
    private final ApiConsumers consumers;
    private final CallbackOutbox callbacks;
    private final MoIntake mo;
    private final TransactionalOperator tx;
    private ReliableConsumer<StatusEvent> statusConsumer;
    private ReliableConsumer<MoMessage> moConsumer;

    public ApiKafkaRuntime(ApiProperties properties, StatusBatchWriter statuses, ApiConsumers consumers,
                           CallbackOutbox callbacks, MoIntake mo, TransactionalOperator tx) {
        this.properties = properties;
        this.statuses = statuses;
        this.consumers = consumers;
        this.callbacks = callbacks;
        this.mo = mo;
        this.tx = tx;
    }

    @Override
    public void start() {
        KafkaSettings kafka = properties.kafka();
        int partitions = kafka.partitions();
        TopicAdmin.ensure(kafka, List.of(
                TopicSpec.of(Topics.SUBMIT, partitions), TopicSpec.of(Topics.STATUS, partitions),
                TopicSpec.of(Topics.MO, partitions), TopicSpec.of(Topics.BLOCKED, partitions), TopicSpec.of(Topics.DEAD, 1)));
        statusConsumer = consumers.startBatched(Topics.STATUS, "api-status",
                records -> applyStatuses(records.stream().map(Received::value).toList()).timeout(STORE_TIMEOUT).toFuture());
        moConsumer = consumers.start(Topics.MO, "api-mo",
                record -> mo.accept(record.value()).timeout(STORE_TIMEOUT).toFuture());
    }

    /** The status changes and their callbacks commit together: a redelivered event changes nothing and queues nothing. */
    private Mono<Void> applyStatuses(List<StatusEvent> events) {
        return statuses.apply(events)
                .flatMap(callbacks::statusesChanged)
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
