package org.sms1069.messaging;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.sms1069.model.Topic;

import java.util.concurrent.CompletableFuture;

/** Sends JSON records and reports the broker's acknowledgement as a future; never fire-and-forget. */
public final class Publisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;

    public Publisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Completes when the record is acknowledged by all in-sync replicas, or fails with the cause. */
    public <T> CompletableFuture<RecordMetadata> publish(Topic<T> topic, String key, T value) {
        return publishBytes(topic.name(), key, topic.encode(value));
    }

    /** A record already in its wire form, e.g. a dead letter replayed to the topic it came from. */
    public CompletableFuture<RecordMetadata> publishBytes(String topic, String key, byte[] value) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** The topic's partition count from the producer's metadata (fetched once, then cached by the client). */
    public int partitionCount(Topic<?> topic) {
        return producer.partitionsFor(topic.name()).size();
    }

    @Override
    public void close() {
        producer.close();
    }
}
