package org.sms1069.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.model.Topic;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * At-least-once consumption of one typed topic: every record of a poll is decoded and handed to the handler,
 * whose returned stage completes when the record's outcome is durable (e.g. the outbound record is
 * acknowledged); offsets are committed only up to the last record whose stage completed.
 * <ul>
 *   <li>Poison ({@link RecordFailures#isPoison}: the record does not decode, the handler throws
 *       {@link org.sms1069.model.PoisonRecordException}, or the service's own classifier says so, e.g. a
 *       database constraint): the record goes to {@code sms.dead} with the reason and the consumer moves on.</li>
 *   <li>Any other failure, or a handler that does not finish within {@code handlerTimeout}, is transient: the
 *       partition is rewound to the record and paused for a capped exponential back-off while the other
 *       partitions keep flowing; after {@code maxAttempts} or {@code maxRetryTime} the record is
 *       dead-lettered too ({@code sms_consumer_gave_up_total}), so no record blocks its partition for good.</li>
 *   <li>{@link NotDueException}: the partition is rewound and paused until the record is due (at most
 *       {@value #MAX_PAUSE_SECONDS} s, then it is handed over again and may defer again).
 *       {@link #resumeAll()} ends every pause early (e.g. when a link recovers).</li>
 *   <li>Kafka itself failing (broker gone or paused, coordinator moves, commit timeouts): a failed commit is
 *       logged and the next one covers it; anything else closes the client, waits a back-off and starts a new
 *       one from the committed offsets. The loop only ends with {@link #close()}.</li>
 * </ul>
 * Offsets of finished records are committed at most every {@code commitInterval}, and before a partition is revoked
 * or the client closes, not after every poll: a commit is a write to the broker's offsets log.
 * <p>
 * Records of one poll are handed over without waiting for each other (a gateway keeps a window of submits in
 * flight); after a failure or a deferral the records behind it are handed over again, so handlers must be
 * idempotent or protected by a dedup key.
 * <p>
 * In batch mode ({@link #batched}) the decoded records of a poll go to a {@link BatchHandler} in one call; a
 * record that does not decode is dead-lettered without being part of it. When the batch's stage completes, all
 * its records count as done. When it fails or times out, the records are handled again one at a time, in order,
 * through the single-record path above (each as a batch of one), so a poison record is dead-lettered alone and a
 * transient failure pauses and retries its partition as usual. {@link #status()} tells whether the consumer is stalled (running,
 * records waiting, no progress for {@code stallAfter}); {@code sms_consumer_lag} exports the waiting records.
 * <p>
 * Traced ({@link #tracedBy}), each record's handling is a consumer span, child of the producer span in the record's
 * {@code traceparent} header, current on the consumer thread while the handler runs; the handler carries it on
 * with {@link Received#trace()}.
 */
public final class ReliableConsumer<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReliableConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    static final int MAX_PAUSE_SECONDS = 30;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(MAX_PAUSE_SECONDS);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final CompletableFuture<?> PASSED_OVER = CompletableFuture.completedFuture(null);

    /** Processes one record; the stage completes when its outcome is durable. */
    @FunctionalInterface
    public interface Handler<T> {
        CompletionStage<?> handle(Received<T> record) throws Exception;
    }

    private final String service;
    private final Topic<T> topic;
    private final ConsumerSettings settings;
    private final Handler<T> handler;
    /** Null for per-record mode. */
    private final BatchHandler<T> batchHandler;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Supplier<Consumer<String, byte[]>> clients;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Clock clock = Clock.systemUTC();
    private Predicate<Throwable> poison = error -> false;
    /** The kinds handed over (null: every record); see {@link #onlyKinds}. */
    private Set<String> kinds;
    private RecordTracing tracing = RecordTracing.OFF;
    private ConsumerHealth health;

    /** Partitions paused by a deferral or a retry back-off and when to resume them; consumer thread only. */
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    /** The record each partition keeps failing on; consumer thread only. */
    private final Map<TopicPartition, Failing> failing = new HashMap<>();
    /** Offsets of finished records not committed yet; consumer thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private Instant lastCommit = Instant.EPOCH;
    /** sms_consumed_records_total by outcome, looked up once (a lookup sorts the tags); consumer thread only. */
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final AtomicBoolean resumeRequested = new AtomicBoolean();
    private final AtomicLong lag = new AtomicLong();
    private volatile Consumer<String, byte[]> consumer;
    private volatile Instant lastProgress;
    private volatile boolean running = true;
    private int clientFailures;
    private final Gauge lagGauge;

    public ReliableConsumer(String service, Topic<T> topic, ConsumerSettings settings, Handler<T> handler,
                            Publisher deadLetters, MeterRegistry meters) {
        this(service, topic, settings, handler, deadLetters, meters, () -> KafkaClients.manualCommitConsumer(settings));
    }

    /** With the Kafka clients made by {@code clients} (a new one after each failure of the previous). */
    public ReliableConsumer(String service, Topic<T> topic, ConsumerSettings settings, Handler<T> handler,
                            Publisher deadLetters, MeterRegistry meters, Supplier<Consumer<String, byte[]>> clients) {
        this(service, topic, settings, handler, null, deadLetters, meters, clients);
    }

    /**
     * A consumer in batch mode: the records of each poll go to {@code handler} together. A poll may take the
     * batch's handler timeout and then the one-by-one fallback's, so {@code max.poll.interval} must exceed twice
     * the handler timeout (plus 30 s).
     */
    public static <T> ReliableConsumer<T> batched(String service, Topic<T> topic, ConsumerSettings settings,
                                                  BatchHandler<T> handler, Publisher deadLetters, MeterRegistry meters) {
        if (settings.handlerTimeout().multipliedBy(2).plusSeconds(30).compareTo(settings.maxPollInterval()) > 0) {
            throw new IllegalArgumentException("consumer " + settings.group() + ": in batch mode max.poll.interval "
                    + settings.maxPollInterval() + " must exceed twice the handler timeout " + settings.handlerTimeout()
                    + " by 30 s");
        }
        return new ReliableConsumer<>(service, topic, settings, record -> handler.handle(List.of(record)), handler,
                deadLetters, meters, () -> KafkaClients.manualCommitConsumer(settings));
    }

    private ReliableConsumer(String service, Topic<T> topic, ConsumerSettings settings, Handler<T> handler,
                             BatchHandler<T> batchHandler, Publisher deadLetters, MeterRegistry meters,
                             Supplier<Consumer<String, byte[]>> clients) {
        this.service = service;
        this.topic = topic;
        this.settings = settings;
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.deadLetters = new DeadLetters(service, deadLetters, meters);
        this.meters = meters;
        this.clients = clients;
        this.thread = new Thread(this::run, service + "-consumer-" + topic.name());
        this.lagGauge = Gauge.builder("sms_consumer_lag", lag, AtomicLong::get)
                .tags("service", service, "group", settings.group(), "topic", topic.name())
                .description("records waiting on the partitions this consumer holds (log end minus position)")
                .register(meters);
    }

    /** Failures of the service's own kind that can never succeed (e.g. SQLSTATE class 22/23); call before start. */
    public ReliableConsumer<T> poisonWhen(Predicate<Throwable> classifier) {
        this.poison = classifier;
        return this;
    }

    /**
     * Hands over only records of these kinds ({@link Topic#withKind}): a record whose {@value Topic#KIND_HEADER}
     * header names another kind is done without being read or traced. A record without the header (written before
     * the topic had kinds, or replayed from a dead letter) is read and handed over as before; call before start.
     */
    public ReliableConsumer<T> onlyKinds(Set<String> kinds) {
        this.kinds = Set.copyOf(kinds);
        return this;
    }

    /** Reports this consumer's status to the service's readiness; call before start. */
    public ReliableConsumer<T> watchedBy(ConsumerHealth consumers) {
        this.health = consumers;
        consumers.watch(this);
        return this;
    }

    /** Opens a consumer span around each record's handling, child of the trace in its headers; call before start. */
    public ReliableConsumer<T> tracedBy(RecordTracing tracing) {
        this.tracing = tracing;
        return this;
    }

    /** The clock for due times, back-offs and stall detection; call before start. */
    public ReliableConsumer<T> withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public ReliableConsumer<T> start() {
        lastProgress = clock.instant();
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                try {
                    pollOnce();
                    clientFailures = 0;
                } catch (WakeupException | InterruptException e) {
                    // close() wakes the client up; the loop ends since running is false
                } catch (RuntimeException e) {
                    restartAfter(e);
                }
            }
        } finally {
            try {
                closeClient();
            } finally {
                stopped.countDown();
            }
        }
    }

    private void pollOnce() {
        if (consumer == null) {
            consumer = clients.get();
            consumer.subscribe(List.of(topic.name()), new ForgetPartitions());
        }
        resumeDue();
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
            processBatch(records);
        }
        commitWhenDue();
        measureLag();
    }

    /** Any error of the client itself: start a fresh one from the committed offsets after a back-off. */
    private void restartAfter(RuntimeException error) {
        clientFailures++;
        meters.counter("sms_consumer_restarts_total", "service", service, "topic", topic.name()).increment();
        Duration wait = settings.retryBackoff().delay(clientFailures);
        log.error("consumer of {} (group {}) failed; a new client starts in {} ms", topic, settings.group(),
                wait.toMillis(), error);
        closeClient();
        try {
            closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeClient() {
        Consumer<String, byte[]> client = consumer;
        if (client != null && !uncommitted.isEmpty()) {
            commitOnClose(client, Map.copyOf(uncommitted));
        }
        consumer = null;
        pausedUntil.clear();
        failing.clear();
        uncommitted.clear();
        if (client != null) {
            try {
                client.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("closing the consumer of {} failed: {}", topic, e.toString());
            }
        }
    }

    private void processBatch(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
                    .add(record);
        }
        if (batchHandler != null) {
            processTogether(records, byPartition);
            return;
        }
        Instant deadline = clock.instant().plus(settings.handlerTimeout());
        Map<ConsumerRecord<String, byte[]>, CompletableFuture<?>> started = new IdentityHashMap<>();
        records.forEach(record -> started.put(record, invokeIfWanted(record)));
        settle(byPartition, started::get, deadline);
    }

    /** Batch mode: one call for every wanted record that decodes; one at a time if that fails. */
    private void processTogether(ConsumerRecords<String, byte[]> records,
                                 Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition) {
        List<ConsumerRecord<String, byte[]>> wanted = new ArrayList<>(records.count());
        records.forEach(record -> {
            if (wanted(record)) {
                wanted.add(record);
            }
        });
        // the records passed over are not in the batch: their result is done
        PollBatch<T> batch = new PollBatch<>(wanted, topic, tracing);
        Instant deadline = clock.instant().plus(settings.handlerTimeout());
        Throwable failure = batch.run(batchHandler, Duration.between(clock.instant(), deadline));
        if (failure == null) {
            settle(byPartition, batch::resultOf, deadline);
            return;
        }
        meters.counter("sms_consumer_batch_fallbacks_total", "service", service, "topic", topic.name()).increment();
        log.warn("a batch of {} records of {} failed; handling them one at a time: {}", batch.size(), topic,
                RecordFailures.masked(failure.toString()));
        settle(byPartition, this::invokeIfWanted, clock.instant().plus(settings.handlerTimeout()));
    }

    private CompletableFuture<?> invokeIfWanted(ConsumerRecord<String, byte[]> record) {
        return wanted(record) ? invoke(record) : PASSED_OVER;
    }

    /** Whether the record's kind is one this consumer takes (a record without a kind is taken). */
    private boolean wanted(ConsumerRecord<String, byte[]> record) {
        if (kinds == null) {
            return true;
        }
        Header kind = record.headers().lastHeader(Topic.KIND_HEADER);
        return kind == null || kinds.contains(new String(kind.value(), StandardCharsets.US_ASCII));
    }

    /**
     * Awaits each partition's records in offset order (asking {@code result} for each one's stage only when it
     * is its turn) and commits each partition up to the last record that is done.
     */
    private void settle(Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition,
                        Function<ConsumerRecord<String, byte[]>, CompletableFuture<?>> result, Instant deadline) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (var entry : byPartition.entrySet()) {
            TopicPartition partition = entry.getKey();
            for (ConsumerRecord<String, byte[]> record : entry.getValue()) {
                long offset = record.offset();
                Outcome outcome;
                try (RecordLogContext context = RecordLogContext.of(record)) {
                    outcome = await(record, result.apply(record), deadline);
                    if (outcome.kind() == Kind.RETRY) {
                        outcome = retryOrGiveUp(partition, record, outcome.error());
                    }
                }
                if (outcome.kind() == Kind.RETRY) {
                    break;
                }
                if (outcome.kind() == Kind.NOT_DUE) {
                    pause(partition, offset, outcome.due());
                    lastProgress = clock.instant(); // waiting on purpose is not a stall
                    break;
                }
                failing.remove(partition);
                done.put(partition, new OffsetAndMetadata(offset + 1));
            }
        }
        if (!done.isEmpty()) {
            uncommitted.putAll(done);
            lastProgress = clock.instant();
        }
    }

    private CompletableFuture<?> invoke(ConsumerRecord<String, byte[]> record) {
        HandlingSpan span = tracing.startHandling(record);
        try (RecordLogContext context = RecordLogContext.of(record); Tracer.SpanInScope scope = span.enter()) {
            RecordTrace trace = span.trace();
            context.traced(trace.traceId());
            Received<T> received = PollBatch.received(record, topic.decode(record.value()), trace);
            context.describe(received.value());
            return span.endWhenDone(handler.handle(received).toCompletableFuture());
        } catch (Exception e) {
            span.end(e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private Outcome await(ConsumerRecord<String, byte[]> record, CompletableFuture<?> result, Instant deadline) {
        try {
            long wait = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
            result.get(wait, TimeUnit.MILLISECONDS);
            count("ok");
            return Outcome.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Kind.RETRY, null, e);
        } catch (TimeoutException e) {
            return new Outcome(Kind.RETRY, null,
                    new TimeoutException("not done within the handler timeout " + settings.handlerTimeout()));
        } catch (ExecutionException e) {
            Throwable cause = RecordFailures.unwrap(e.getCause());
            if (cause instanceof NotDueException notDue) {
                count("deferred");
                return new Outcome(Kind.NOT_DUE, notDue.due(), null);
            }
            if (RecordFailures.isPoison(cause, poison)) {
                return deadLetters.write(record, cause.getMessage()) ? Outcome.DONE : new Outcome(Kind.RETRY, null, cause);
            }
            return new Outcome(Kind.RETRY, null, cause);
        }
    }

    /** A transient failure: rewind and back off, or dead-letter once the attempts or the time are used up. */
    private Outcome retryOrGiveUp(TopicPartition partition, ConsumerRecord<String, byte[]> record, Throwable error) {
        Instant now = clock.instant();
        Failing previous = failing.get(partition);
        Failing current = previous != null && previous.offset() == record.offset()
                ? previous.again() : new Failing(record.offset(), 1, now);
        boolean exhausted = current.attempts() >= settings.maxAttempts()
                || !now.isBefore(current.since().plus(settings.maxRetryTime()));
        if (exhausted) {
            String reason = "gave up after " + current.attempts() + " attempts in "
                    + Duration.between(current.since(), now).toSeconds() + " s: " + error;
            if (deadLetters.write(record, reason)) {
                meters.counter("sms_consumer_gave_up_total", "service", service, "topic", topic.name()).increment();
                failing.remove(partition);
                return Outcome.DONE;
            }
        }
        failing.put(partition, current);
        count("retry");
        Duration backoff = settings.retryBackoff().delay(current.attempts());
        log.warn("transient failure on {}-{}@{} (attempt {}), retrying in {} ms: {}", record.topic(), record.partition(),
                record.offset(), current.attempts(), backoff.toMillis(), RecordFailures.masked(error.toString()));
        pause(partition, record.offset(), now.plus(backoff));
        return new Outcome(Kind.RETRY, null, error);
    }

    private void commitWhenDue() {
        Instant now = clock.instant();
        if (uncommitted.isEmpty() || now.isBefore(lastCommit.plus(settings.commitInterval()))) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
        if (commit(consumer, offsets, null)) {
            uncommitted.entrySet().removeIf(e -> e.getValue().equals(offsets.get(e.getKey())));
        }
    }

    /**
     * The last commit of a client. close() wakes the client up; when the loop was waiting for a handler rather than
     * for Kafka, the wake-up is still pending and ends the first attempt, so there is a second.
     */
    private void commitOnClose(Consumer<String, byte[]> client, Map<TopicPartition, OffsetAndMetadata> done) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                commit(client, done, CLOSE_TIMEOUT);
                return;
            } catch (WakeupException spent) {
                log.debug("the commit on close met close()'s wake-up (attempt {})", attempt);
            } catch (InterruptException e) {
                return; // the next holder repeats what was finished
            }
        }
    }

    /** Commits {@code done} (within {@code timeout}, or the client's default when null); false when it failed. */
    private boolean commit(Consumer<String, byte[]> client, Map<TopicPartition, OffsetAndMetadata> done, Duration timeout) {
        try {
            if (timeout == null) {
                client.commitSync(done);
            } else {
                client.commitSync(done, timeout);
            }
            return true;
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // a timeout, a moved coordinator or a rebalance: whoever holds the partitions next starts from the last
            // commit and repeats this work under the same dedup keys; a later commit here covers these offsets
            meters.counter("sms_consumer_commit_failures_total", "service", service, "topic", topic.name()).increment();
            log.warn("offsets of {} not committed; they will be committed later or processed again: {}", done.keySet(),
                    e.toString());
            return false;
        }
    }

    private void pause(TopicPartition partition, long offset, Instant until) {
        Instant now = clock.instant();
        Instant resumeAt = until.isAfter(now.plus(MAX_PAUSE)) ? now.plus(MAX_PAUSE) : until;
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

    private void measureLag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong known = consumer.currentLag(partition);
            total += known.orElse(0);
        }
        lag.set(total);
        if (total == 0) {
            lastProgress = clock.instant();
        }
    }

    /** Ends every pause at the next poll: the handler sees the waiting records again (thread-safe). */
    public void resumeAll() {
        resumeRequested.set(true);
    }

    /** Partitions currently paused (for tests and diagnostics; approximate from other threads). */
    public int pausedPartitions() {
        return pausedUntil.size();
    }

    /** Whether the loop runs, what waits, and whether it is stalled (thread-safe). */
    public ConsumerStatus status() {
        boolean alive = thread.isAlive();
        long waiting = lag.get();
        Instant progress = lastProgress;
        boolean noProgress = progress != null && waiting > 0
                && clock.instant().isAfter(progress.plus(settings.stallAfter()));
        boolean dead = running && thread.getState() == Thread.State.TERMINATED;
        return new ConsumerStatus(service, settings.group(), topic.name(), alive && running, waiting, progress,
                dead || (alive && noProgress));
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> meters.counter("sms_consumed_records_total", "service", service,
                "topic", topic.name(), "outcome", o)).increment();
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
        meters.remove(lagGauge); // a consumer started later for the same group (a gateway regaining a link) registers its own
        if (health != null) {
            health.forget(this);
        }
        if (thread.getState() == Thread.State.NEW) {
            return;
        }
        Consumer<String, byte[]> client = consumer;
        if (client != null) {
            client.wakeup();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Kind { DONE, RETRY, NOT_DUE }

    private record Outcome(Kind kind, Instant due, Throwable error) {
        static final Outcome DONE = new Outcome(Kind.DONE, null, null);
    }

    /** The record a partition keeps failing on: how often and since when. */
    private record Failing(long offset, int attempts, Instant since) {
        Failing again() {
            return new Failing(offset, attempts + 1, since);
        }
    }

    /** A partition that moves away takes its pause and its failure count with it; its next holder starts afresh. */
    private final class ForgetPartitions implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> finished = new HashMap<>();
            partitions.forEach(p -> {
                OffsetAndMetadata offset = uncommitted.get(p);
                if (offset != null) {
                    finished.put(p, offset);
                }
            });
            if (!finished.isEmpty()) {
                commit(consumer, finished, null); // the next holder starts after what this one finished
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> {
                pausedUntil.remove(p);
                failing.remove(p);
                uncommitted.remove(p);
            });
        }
    }
}
