package org.sms1069.messaging;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.sms1069.model.Topic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends JSON records and reports the broker's acknowledgement as a future; never fire-and-forget. Each record
 * carries the trace current on the calling thread in its headers ({@link RecordTracing}).
 */
public final class Publisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final RecordTracing tracing;

    public Publisher(Producer<String, byte[]> producer) {
        this(producer, RecordTracing.OFF);
    }

    public Publisher(Producer<String, byte[]> producer, RecordTracing tracing) {
        this.producer = producer;
        this.tracing = tracing;
    }

    /** Completes when the record is acknowledged by all in-sync replicas, or fails with the cause. */
    public <T> CompletableFuture<RecordMetadata> publish(Topic<T> topic, String key, T value) {
        return send(record(topic, key, value), tracing.current(), List.of());
    }

    /**
     * A record that joins the parts of several messages (a multi-destination submit): it continues the trace of
     * the first member and links the others' traces, since a span has one parent.
     */
    public <T> CompletableFuture<RecordMetadata> publishJoined(Topic<T> topic, String key, T value, List<RecordTrace> members) {
        return send(record(topic, key, value), members.get(0), members);
    }

    /** The record of a value, with its kind in a header where the topic names one ({@link Topic#withKind}). */
    private static <T> ProducerRecord<String, byte[]> record(Topic<T> topic, String key, T value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), key, topic.encode(value));
        String kind = topic.kindOf(value);
        if (kind != null) {
            record.headers().add(Topic.KIND_HEADER, kind.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    /** A record already in its wire form, e.g. a dead letter replayed to the topic it came from. */
    public CompletableFuture<RecordMetadata> publishBytes(String topic, String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value), tracing.current(), List.of());
    }

    /** The trace current on this thread, for a record published later on another thread ({@link #publishJoined}). */
    public RecordTrace currentTrace() {
        return tracing.current();
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record, RecordTrace parent,
                                                   List<RecordTrace> linked) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        Span span = tracing.startPublish(record, parent, linked);
        try {
            producer.send(record, (metadata, error) -> {
                RecordTracing.end(span, error);
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            RecordTracing.end(span, e);
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
