package org.sms1069.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.model.Topics;
import org.sms1069.model.event.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *   <li>A handler that throws {@link NotDueException} (directly or through its stage) for a record
 *       that must wait: the partition is rewound to that record and paused until it is due (at most
 *       {@value #MAX_PAUSE_SECONDS} s, then the record is handed over again and may defer again), while
 *       the other partitions keep flowing. Records behind it in that partition wait too: on
 *       {@code sms.retry} and {@code sms.scheduled} they are mostly due later anyway, and a handler that
 *       wants earlier ones out must not use one partition for very different waits.
 *       {@link #resumeAll()} ends every pause early (e.g. when a link recovers).</li>
 * </ul>
 * Records of one poll are handed over without waiting for each other (a gateway keeps a window of
 * submits in flight); after a transient failure or a deferral the records behind it are handed over
 * again, so handlers must be idempotent or protected by a dedup key.
 * Runs on its own thread; {@link #close()} stops it after the batch in hand.
 */
public final class ReliableConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReliableConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Pattern DIGITS = Pattern.compile("\\d{7,}");
    static final int MAX_PAUSE_SECONDS = 30;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(MAX_PAUSE_SECONDS);

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
    private final Clock clock;
    /** Partitions paused by a deferral and when to resume them; touched by the consumer thread only. */
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final AtomicBoolean resumeRequested = new AtomicBoolean();
    private volatile boolean running = true;
    private Duration backoff = Duration.ZERO;

    public ReliableConsumer(String service, Consumer<String, byte[]> consumer, List<String> topics,
                            Handler handler, Publisher deadLetters, MeterRegistry meters) {
        this(service, consumer, topics, handler, deadLetters, meters, Clock.systemUTC());
    }

    public ReliableConsumer(String service, Consumer<String, byte[]> consumer, List<String> topics,
                            Handler handler, Publisher deadLetters, MeterRegistry meters, Clock clock) {
        this.clock = clock;
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
            consumer.subscribe(topics, new ForgetPauses());
            while (running) {
                resumeDue();
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
            TopicPartition partition = entry.getKey();
            for (Pending pending : entry.getValue()) {
                Outcome outcome = await(pending);
                if (outcome.kind() == Kind.RETRY) {
                    consumer.seek(partition, pending.record().offset());
                    transientFailure = true;
                    break;
                }
                if (outcome.kind() == Kind.NOT_DUE) {
                    defer(partition, pending.record().offset(), outcome.due());
                    break;
                }
                done.put(partition, new OffsetAndMetadata(pending.record().offset() + 1));
            }
        }
        commit(done);
        backOffIf(transientFailure);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved to another instance, which starts from the last commit: the work
            // done here is repeated there under the same dedup keys, nothing is lost
            log.warn("offsets of {} not committed (rebalance); they will be processed again: {}", done.keySet(), e.toString());
        }
    }

    private void defer(TopicPartition partition, long offset, Instant due) {
        Instant now = clock.instant();
        Instant resumeAt = due.isAfter(now.plus(MAX_PAUSE)) ? now.plus(MAX_PAUSE) : due;
        consumer.seek(partition, offset);
        consumer.pause(List.of(partition));
        pausedUntil.put(partition, resumeAt);
        log.debug("{} paused at offset {} until {}", partition, offset, resumeAt);
    }

    private void resumeDue() {
        if (pausedUntil.isEmpty()) {
            return;
        }
        boolean all = resumeRequested.getAndSet(false);
        Instant now = clock.instant();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.entrySet().removeIf(e -> {
            if (all || !e.getValue().isAfter(now)) {
                due.add(e.getKey());
                return true;
            }
            return false;
        });
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    /** Ends every deferral at the next poll: the handler sees the waiting records again (thread-safe). */
    public void resumeAll() {
        resumeRequested.set(true);
    }

    /** Partitions currently paused by a deferral (for tests and diagnostics; approximate from other threads). */
    public int pausedPartitions() {
        return pausedUntil.size();
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
            if (cause instanceof NotDueException notDue) {
                count(record.topic(), "deferred");
                return new Outcome(Kind.NOT_DUE, notDue.due());
            }
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
                record.offset(), record.key(), value, cause.getMessage(), clock.instant());
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

    private enum Kind { DONE, RETRY, NOT_DUE }

    private record Outcome(Kind kind, Instant due) {
        static final Outcome DONE = new Outcome(Kind.DONE, null);
        static final Outcome RETRY = new Outcome(Kind.RETRY, null);
    }

    /** A partition that moves away takes its pause with it; whoever gets it next defers again if needed. */
    private final class ForgetPauses implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(pausedUntil::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(pausedUntil::remove);
        }
    }

    private record Pending(ConsumerRecord<String, byte[]> record, CompletableFuture<?> result) {
    }
}
