package org.sms1069.api.messaging;

import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.mo.MoIntake;
import org.sms1069.api.receipt.OrphanReceipts;
import org.sms1069.api.status.StatusUpdates;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.Topics;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.OrphanReceipt;
import org.sms1069.model.event.StatusEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the api's topics, consumes {@code sms.status} into the message store in batches of one poll
 * ({@link StatusUpdates}), {@code sms.mo} into
 * the MO intake and {@code sms.receipt.orphan} into the status store's lookup ({@link OrphanReceipts}).
 */
@Component
public class ApiKafkaRuntime implements SmartLifecycle {
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final ApiProperties properties;
    private final StatusUpdates statuses;
    private final ApiConsumers consumers;
    private final MoIntake mo;
    private final OrphanReceipts orphans;
    private ReliableConsumer<StatusEvent> statusConsumer;
    private ReliableConsumer<MoMessage> moConsumer;
    private ReliableConsumer<OrphanReceipt> orphanConsumer;

    public ApiKafkaRuntime(ApiProperties properties, StatusUpdates statuses, ApiConsumers consumers, MoIntake mo,
                           OrphanReceipts orphans) {
        this.properties = properties;
        this.statuses = statuses;
        this.consumers = consumers;
        this.mo = mo;
        this.orphans = orphans;
    }

    @Override
    public void start() {
        KafkaSettings kafka = properties.kafka();
        int partitions = kafka.partitions();
        TopicAdmin.ensure(kafka, List.of(
                TopicSpec.of(Topics.SUBMIT, partitions), TopicSpec.of(Topics.STATUS, partitions),
                TopicSpec.of(Topics.MO, partitions), TopicSpec.of(Topics.BLOCKED, partitions), TopicSpec.of(Topics.DEAD, 1),
                TopicSpec.of(Topics.ORPHAN_RECEIPTS, partitions)));
        statusConsumer = consumers.startBatched(Topics.STATUS, "api-status", records -> statuses.apply(
                records.stream().map(Received::value).toList(), tracesByMessage(records)).timeout(STORE_TIMEOUT).toFuture());
        moConsumer = consumers.start(Topics.MO, "api-mo",
                record -> mo.accept(record.value()).timeout(STORE_TIMEOUT).toFuture());
        orphanConsumer = consumers.start(Topics.ORPHAN_RECEIPTS, "api-orphan-receipts", orphans);
    }

    /** Each message's trace as of its last record in the batch: the callbacks its changes queue continue it. */
    private static Map<String, String> tracesByMessage(List<Received<StatusEvent>> records) {
        Map<String, String> traces = new HashMap<>();
        for (Received<StatusEvent> record : records) {
            String traceparent = record.trace().traceparent();
            if (traceparent != null) {
                traces.put(record.value().messageId(), traceparent);
            }
        }
        return traces;
    }

    @Override
    public void stop() {
        if (orphanConsumer != null) {
            orphanConsumer.close();
            orphanConsumer = null;
        }
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
