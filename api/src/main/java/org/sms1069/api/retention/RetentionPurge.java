package org.sms1069.api.retention;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.support.PeriodicLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes messages (and their timeline events), replies, complaints and callbacks (and their attempts) older than
 * {@code sms.retention.period}, every {@code sms.retention.interval}, in batches of {@code sms.retention.batch-size}
 * until none is left. Every api instance runs it; deleting what another instance deleted deletes nothing.
 * Counted as {@code sms_api_retention_purged_total{table}}; a failed run as {@code sms_api_retention_purge_errors_total}.
 */
@Component
public class RetentionPurge extends PeriodicLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /** One table's batch: deletes at most :batch rows older than :cutoff, answers the number deleted. */
    private record Table(String name, String batchSql) {

        /** A table whose rows go on their own, the oldest by {@code column} first. */
        static Table byAge(String name, String column) {
            return new Table(name, """
                    WITH gone AS (DELETE FROM %1$s WHERE id IN
                                      (SELECT id FROM %1$s WHERE %2$s < :cutoff ORDER BY %2$s LIMIT :batch)
                                  RETURNING id)
                    SELECT count(*) FROM gone""".formatted(name, column));
        }
    }

    private static final List<Table> TABLES = List.of(
            new Table("messages", """
                    WITH gone AS (DELETE FROM messages WHERE id IN
                                      (SELECT id FROM messages WHERE accepted_at < :cutoff ORDER BY accepted_at LIMIT :batch)
                                  RETURNING id),
                         events AS (DELETE FROM message_events e USING gone WHERE e.message_id = gone.id)
                    SELECT count(*) FROM gone"""),
            Table.byAge("mo_messages", "received_at"),
            Table.byAge("callbacks", "created_at"),
            Table.byAge("complaints", "complained_at"),
            Table.byAge("callback_attempts", "at"));

    private final DatabaseClient db;
    private final RetentionProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public RetentionPurge(DatabaseClient db, RetentionProperties properties, MeterRegistry meters, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** One run over every table; answers the rows deleted per table. */
    public Mono<Map<String, Long>> purge() {
        Instant cutoff = clock.instant().minus(properties.period());
        Map<String, Long> deleted = new LinkedHashMap<>();
        return Flux.fromIterable(TABLES)
                .concatMap(table -> purge(table, cutoff).doOnNext(n -> deleted.put(table.name(), n)))
                .then(Mono.fromSupplier(() -> deleted));
    }

    /** Batch after batch until one deletes fewer rows than a batch holds. */
    private Mono<Long> purge(Table table, Instant cutoff) {
        return batch(table, cutoff)
                .expand(n -> n < properties.batchSize() ? Mono.empty() : batch(table, cutoff))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> batch(Table table, Instant cutoff) {
        return db.sql(table.batchSql()).bind("cutoff", cutoff.atOffset(ZoneOffset.UTC)).bind("batch", properties.batchSize())
                .map(row -> row.get(0, Long.class)).one()
                .doOnNext(n -> meters.counter("sms_api_retention_purged_total", "table", table.name()).increment(n));
    }

    @Override
    protected Duration initialDelay() {
        return properties.interval();
    }

    @Override
    protected Duration period() {
        return properties.interval();
    }

    @Override
    protected Mono<?> runOnce() {
        return purge().doOnNext(deleted -> {
            if (deleted.values().stream().anyMatch(n -> n > 0)) {
                log.info("retention: deleted rows older than {}: {}", properties.period(), deleted);
            }
        });
    }

    @Override
    protected void failed(Throwable error) {
        log.warn("retention purge failed: {}", error.toString());
        meters.counter("sms_api_retention_purge_errors_total").increment();
    }
}
