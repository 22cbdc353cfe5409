package org.sms1069.messaging;

import org.sms1069.model.retry.Backoff;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one {@link ReliableConsumer} reads and how long it lets things take, named and checked at start:
 * <ul>
 *   <li>{@code maxPollRecords}, {@code maxPollInterval}: Kafka's; a whole poll's work must fit in the interval,
 *       so the interval must exceed {@code handlerTimeout} (plus a commit) or the group evicts the consumer;</li>
 *   <li>{@code handlerTimeout}: a record whose handler has not finished by then is retried (at-least-once);</li>
 *   <li>{@code retryBackoff}, {@code maxAttempts}, {@code maxRetryTime}: a record that keeps failing is
 *       retried with capped exponential back-off and dead-lettered after the attempts <em>or</em> the time,
 *       whichever comes first, so one record never blocks its partition for good;</li>
 *   <li>{@code stallAfter}: a consumer that made no progress for that long while records wait reports itself
 *       stalled (the service's readiness goes DOWN);</li>
 *   <li>{@code commitInterval}: offsets of finished records are committed at most this often (and before a
 *       partition moves away or the consumer closes), not after every poll: a commit is a write to the broker's
 *       offsets log, and a busy consumer polls hundreds of times a second. A crash repeats at most this much
 *       finished work, which handlers already take (at-least-once, dedup keys);</li>
 *   <li>{@code kafka}: further client properties (e.g. timeouts in tests).</li>
 * </ul>
 */
public record ConsumerSettings(String bootstrapServers, String group, String clientId, int maxPollRecords,
                               Duration maxPollInterval, Duration handlerTimeout, Backoff retryBackoff,
                               int maxAttempts, Duration maxRetryTime, Duration stallAfter, Duration commitInterval,
                               Map<String, Object> kafka) {
    public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofSeconds(60);
    public static final Backoff DEFAULT_RETRY_BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    public static final int DEFAULT_MAX_ATTEMPTS = 30;
    public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofMinutes(2);
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(200);

    public ConsumerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(commitInterval, "commitInterval");
        kafka = Map.copyOf(kafka);
        if (maxPollRecords < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("consumer " + group + ": maxPollRecords and maxAttempts must be positive");
        }
        if (handlerTimeout.plusSeconds(30).compareTo(maxPollInterval) > 0) {
            throw new IllegalArgumentException("consumer " + group + ": max.poll.interval " + maxPollInterval
                    + " must exceed the handler timeout " + handlerTimeout + " by 30 s (a commit and a rebalance)");
        }
        if (stallAfter.isNegative() || stallAfter.isZero() || maxRetryTime.isNegative() || maxRetryTime.isZero()) {
            throw new IllegalArgumentException("consumer " + group + ": stallAfter and maxRetryTime must be positive");
        }
        if (commitInterval.isNegative() || commitInterval.compareTo(stallAfter) >= 0) {
            throw new IllegalArgumentException("consumer " + group + ": commitInterval must be between zero and stallAfter");
        }
    }

    /** The platform's defaults for a group; the client id is the group's plus this instance's. */
    public static ConsumerSettings of(String bootstrapServers, String group, String clientId, int maxPollRecords) {
        return new ConsumerSettings(bootstrapServers, group, clientId, maxPollRecords, DEFAULT_MAX_POLL_INTERVAL,
                DEFAULT_HANDLER_TIMEOUT, DEFAULT_RETRY_BACKOFF, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_TIME,
                DEFAULT_STALL_AFTER, DEFAULT_COMMIT_INTERVAL, Map.of());
    }

    /** A service's group: its {@code sms.kafka} brokers, client properties and stall time. */
    public static ConsumerSettings of(KafkaSettings kafka, String group, String clientId, int maxPollRecords) {
        return of(kafka.bootstrapServers(), group, clientId, maxPollRecords).withStallAfter(kafka.stallAfter())
                .withKafka(kafka.clientProperties());
    }

    public ConsumerSettings withHandlerTimeout(Duration timeout, Duration pollInterval) {
        return new ConsumerSettings(bootstrapServers, group, clientId, maxPollRecords, pollInterval, timeout,
                retryBackoff, maxAttempts, maxRetryTime, stallAfter, commitInterval, kafka);
    }

    public ConsumerSettings withRetries(Backoff backoff, int attempts, Duration retryTime) {
        return new ConsumerSettings(bootstrapServers, group, clientId, maxPollRecords, maxPollInterval, handlerTimeout,
                backoff, attempts, retryTime, stallAfter, commitInterval, kafka);
    }

    public ConsumerSettings withStallAfter(Duration stall) {
        return new ConsumerSettings(bootstrapServers, group, clientId, maxPollRecords, maxPollInterval, handlerTimeout,
                retryBackoff, maxAttempts, maxRetryTime, stall, commitInterval, kafka);
    }

    public ConsumerSettings withKafka(Map<String, Object> properties) {
        return new ConsumerSettings(bootstrapServers, group, clientId, maxPollRecords, maxPollInterval, handlerTimeout,
                retryBackoff, maxAttempts, maxRetryTime, stallAfter, commitInterval, properties);
    }

    /**
     * For a topic every message passes through: a fetch is answered once {@value KafkaClients#GATHER_MIN_BYTES}
     * bytes are there or after {@value KafkaClients#GATHER_MAX_WAIT_MS} ms, not for each record as it comes, so
     * that a poll holds the records of those milliseconds and the work per poll (the fetch, a Redis script, a
     * transaction) is shared by them. Properties the service sets itself ({@code kafka}) still win.
     */
    public ConsumerSettings gathering() {
        Map<String, Object> properties = new HashMap<>(KafkaClients.GATHERING);
        properties.putAll(kafka);
        return withKafka(properties);
    }

    public ConsumerSettings withCommitInterval(Duration interval) {
        return new ConsumerSettings(bootstrapServers, group, clientId, maxPollRecords, maxPollInterval, handlerTimeout,
                retryBackoff, maxAttempts, maxRetryTime, stallAfter, interval, kafka);
    }
}
