package org.sms1069.api.reference;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.Arrays;

/**
 * Keeps {@link ReferenceCache} true across instances: PostgreSQL {@code LISTEN sms_reference} on a
 * connection of its own. Triggers on the reference tables (migration V6) send the cache keys a change
 * touches, as part of the changing transaction.
 *
 * <p>Why PostgreSQL NOTIFY and not Redis pub/sub: the notification is sent by the database in the
 * same transaction as the change, and only if it commits, whoever wrote the row (this api, another
 * instance, an operator's SQL). A publish from the application after its commit could be lost when
 * the instance dies between the two, and would miss changes made outside the api. PostgreSQL delivers
 * notifications in commit order, so a heartbeat received after a change proves its eviction arrived.
 *
 * <p>Every {@code heartbeat} this listener notifies the channel itself; the cache trusts its entries
 * only while notifications (heartbeats included) keep arriving. A broken or silent connection is
 * replaced after a second; the cache is emptied when the new LISTEN is in place, since changes may
 * have been missed in between.
 */
public final class ReferenceChanges implements SmartLifecycle {
    public static final String CHANNEL = "sms_reference";
    /** A payload of this value empties the whole cache (e.g. after TRUNCATE). */
    static final String EVERYTHING = "*";
    private static final Logger log = LoggerFactory.getLogger(ReferenceChanges.class);
    private static final Duration RECONNECT = Duration.ofSeconds(1);
    /** A connection is given up when a NOTIFY gets no answer for this long (or four beats, if longer). */
    private static final Duration SILENT_CONNECTION = Duration.ofSeconds(5);

    private final ConnectionFactory connections;
    private final ReferenceCache cache;
    private final Duration heartbeat;
    private final Duration notifyTimeout;
    private volatile Disposable running;

    public ReferenceChanges(ConnectionFactory connections, ReferenceCache cache, Duration heartbeat) {
        this.connections = connections;
        this.cache = cache;
        this.heartbeat = heartbeat;
        this.notifyTimeout = notifyTimeout(heartbeat);
    }

    @Override
    public void start() {
        running = Flux.usingWhen(Mono.from(connections.create()).cast(PostgresqlConnection.class), this::listen,
                        connection -> Mono.from(connection.close()).onErrorResume(error -> Mono.empty()))
                .doOnError(error -> log.warn("reference change channel lost, reading reference data from the database until it is back: {}",
                        error.toString()))
                .doFinally(signal -> cache.lost())
                .repeat()
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RECONNECT))
                .subscribe();
    }

    /** Subscribes to the notifications first, then LISTENs, empties the cache and beats until the connection fails. */
    private Flux<Notification> listen(PostgresqlConnection connection) {
        Flux<Notification> received = connection.getNotifications().doOnNext(this::apply);
        Flux<Notification> beats = execute(connection, "LISTEN " + CHANNEL)
                .doOnSuccess(done -> {
                    cache.clear();
                    log.info("listening for reference changes on {}", CHANNEL);
                })
                // a beat that comes while the last NOTIFY still runs (a starved machine) is skipped, not an overflow
                // that would drop the channel and send every read to the database just when it is busiest
                .thenMany(Flux.interval(Duration.ZERO, heartbeat).onBackpressureDrop()
                        .concatMap(tick -> execute(connection, "NOTIFY " + CHANNEL).timeout(notifyTimeout)))
                .thenMany(Flux.empty());
        // the notification stream ends when the connection closes; either end restarts the session
        return Flux.merge(received.concatWith(Mono.error(new IllegalStateException("connection closed"))), beats);
    }

    /**
     * Late beats only make the cache stale (reads go to the database); the connection is replaced only when it is
     * silent for long, since a replacement empties the cache.
     */
    private static Duration notifyTimeout(Duration heartbeat) {
        Duration fourBeats = heartbeat.multipliedBy(4);
        return fourBeats.compareTo(SILENT_CONNECTION) > 0 ? fourBeats : SILENT_CONNECTION;
    }

    private void apply(Notification notification) {
        String payload = notification.getParameter();
        if (payload != null && !payload.isBlank()) {
            if (payload.equals(EVERYTHING)) {
                cache.clear();
            } else {
                cache.evict(Arrays.asList(payload.split(" ")));
            }
        }
        cache.signal();
    }

    private static Mono<Void> execute(PostgresqlConnection connection, String sql) {
        return connection.createStatement(sql).execute().flatMap(PostgresqlResult::getRowsUpdated).then();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        cache.lost();
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
