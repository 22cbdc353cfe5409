package org.sms1069.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.model.Topics;
import org.sms1069.model.event.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * At-least-once consumption: every record of a poll is handed to the handler, whose returned stage
 * completes when the record's outcome is durable (e.g. the outbound record is acknowledged); offsets
 * are committed only up to the last record whose stage completed.
 * <ul>
 *   <li>A handler that throws {@link IllegalArgumentException} (directly or through its stage) marks
 *       a poison record: it goes to {@code sms.dead} with the error and the consumer moves on.</li>
 *   <li>Any other failure is transient: the partition is rewound to the failed record and polled
 *       again after a back-off, so nothing is lost and one partition's order is kept.</li>
 * </ul>
 * Records of one poll are handed over without waiting for each other (a gateway keeps a window of
 * submits in flight); after a transient failure the records behind it are handed over again, so
 * handlers must be idempotent or protected by a dedup key.
 * Runs on its own thread; {@link #close()} stops it after the batch in hand.
 */
public final class ReliableConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReliableConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Pattern DIGITS = Pattern.compile("\\d{7,}");

    /** Processes one record; the stage completes when its outcome is durable. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<?> handle(ConsumerRecord<String, byte[]> record) throws Exception;
    }

    private final String service;
    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Handler handler;
    private final Publisher deadLetters;
    private final MeterRegistry meters;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private Duration backoff = Duration.ZERO;

    public ReliableConsumer(String service, Consumer<String, byte[]> consumer, List<String> topics,
                            Handler handler, Publisher deadLetters, MeterRegistry meters) {
        this.service = service;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.thread = new Thread(this::run, service + "-consumer-" + String.join(",", topics));
    }

    public ReliableConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(topics);
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    processBatch(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("consumer of {} woken up unexpectedly", topics, e);
            }
        } catch (RuntimeException e) {
            log.error("consumer of {} stopped by an unexpected error", topics, e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                stopped.countDown();
            }
        }
    }

    private void processBatch(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, List<Pending>> byPartition = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
                    .add(new Pending(record, invoke(record)));
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean transientFailure = false;
        for (var entry : byPartition.entrySet()) {
            for (Pending pending : entry.getValue()) {
                Outcome outcome = await(pending);
                if (outcome == Outcome.RETRY) {
                    consumer.seek(entry.getKey(), pending.record().offset());
                    transientFailure = true;
                    break;
                }
                done.put(entry.getKey(), new OffsetAndMetadata(pending.record().offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        backOffIf(transientFailure);
    }

    private CompletableFuture<?> invoke(ConsumerRecord<String, byte[]> record) {
        try {
            return handler.handle(record).toCompletableFuture();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Outcome await(Pending pending) {
        ConsumerRecord<String, byte[]> record = pending.record();
        try {
            pending.result().get();
            count(record.topic(), "ok");
            return Outcome.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof IllegalArgumentException) {
                return deadLetter(record, cause) ? Outcome.DONE : Outcome.RETRY;
            }
            count(record.topic(), "retry");
            log.warn("transient failure on {}-{}@{}, will retry: {}", record.topic(), record.partition(),
                    record.offset(), cause.toString());
            return Outcome.RETRY;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, Throwable cause) {
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        DeadLetter letter = new DeadLetter(DeadLetter.VERSION, service, record.topic(), record.partition(),
                record.offset(), record.key(), value, cause.getMessage(), Clock.systemUTC().instant());
        try {
            deadLetters.publish(Topics.DEAD, record.key(), letter).get();
            meters.counter("sms_dead_letters_total", "service", service, "topic", record.topic()).increment();
            count(record.topic(), "dead");
            log.warn("dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    DIGITS.matcher(String.valueOf(cause.getMessage())).replaceAll("***"));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            log.error("cannot write dead letter for {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
            return false;
        }
    }

    private void backOffIf(boolean failed) {
        if (!failed) {
            backoff = Duration.ZERO;
            return;
        }
        backoff = backoff.isZero() ? Duration.ofMillis(100) : min(backoff.multipliedBy(2), MAX_BACKOFF);
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void count(String topic, String outcome) {
        meters.counter("sms_consumed_records_total", "service", service, "topic", topic, "outcome", outcome).increment();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Outcome { DONE, RETRY }

    private record Pending(ConsumerRecord<String, byte[]> record, CompletableFuture<?> result) {
    }
}
