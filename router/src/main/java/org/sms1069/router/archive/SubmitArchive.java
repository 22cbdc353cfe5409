package org.sms1069.router.archive;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.SubmitOrigin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads an accepted message back from {@code sms.submit} at its {@link SubmitOrigin}: the only store of a message's
 * text is the Kafka record, kept for the topic's retention (the broker's default is 7 days, longer than the receipt
 * timeout of 72 h). Used rarely (a portability re-route), so one consumer outside any group reads on its own thread.
 */
public final class SubmitArchive implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaSettings kafka;
    private final String clientId;
    private final ExecutorService reader;
    private KafkaConsumer<String, byte[]> consumer;

    public SubmitArchive(KafkaSettings kafka, String clientId) {
        this.kafka = kafka;
        this.clientId = clientId;
        this.reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "router-submit-archive"));
    }

    /** The message at {@code origin} if it is still kept and is the message {@code messageId}; empty otherwise. */
    public CompletionStage<Optional<AcceptedMessage>> find(String origin, String messageId) {
        Optional<SubmitOrigin> place = SubmitOrigin.parse(origin);
        if (place.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> read(place.get()), reader)
                .thenApply(found -> found.filter(message -> message.messageId().equals(messageId)));
    }

    private Optional<AcceptedMessage> read(SubmitOrigin place) {
        KafkaConsumer<String, byte[]> client = consumer();
        TopicPartition partition = new TopicPartition(Topics.SUBMIT.name(), place.partition());
        client.assign(List.of(partition));
        Long start = client.beginningOffsets(List.of(partition)).get(partition);
        if (start == null || start > place.offset()) {
            return Optional.empty();
        }
        client.seek(partition, place.offset());
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : client.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() == place.offset()) {
                    return Optional.of(Topics.SUBMIT.decode(record.value()));
                }
                if (record.offset() > place.offset()) {
                    return Optional.empty();
                }
            }
        }
        throw new IllegalStateException("sms.submit " + place + " could not be read within " + READ_TIMEOUT);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            consumer = KafkaClients.offsetReader(kafka, clientId, 1, Map.of());
        }
        return consumer;
    }

    @Override
    public void close() {
        CompletableFuture.runAsync(() -> {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        }, reader).exceptionally(error -> null).join();
        reader.shutdownNow();
    }
}
