package org.sms1069.api.store;

import io.r2dbc.spi.Readable;
import org.sms1069.api.store.StatusFold.Row;
import org.sms1069.api.store.StatusFold.Step;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.event.StatusEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies a batch of status events in one transaction of two statements: one INSERT of every event into the
 * timeline (a redelivered event conflicts and drops out) that also locks and reads the rows of the messages
 * whose events are new, then one {@code UPDATE messages ... FROM unnest(...)} with each message's state after
 * its new events, folded in batch order in Java ({@link StatusFold}). Folding in Java rather than in SQL lets one
 * batch hold several events of one message (SUBMITTED then DELIVERED, the DELIVERED of two parts) with one UPDATE
 * per batch; the row lock (taken in message id order, so two writers never deadlock) keeps a concurrent writer
 * from folding over a stale row. Idempotent: a batch applied again inserts nothing and changes nothing.
 */
@Component
public class StatusBatchWriter {
    private static final String RECORD = """
            WITH event AS (
                SELECT * FROM unnest(CAST(:ids AS varchar[]), CAST(:segments AS int[]), CAST(:statuses AS varchar[]),
                                     CAST(:carriers AS varchar[]), CAST(:links AS varchar[]), CAST(:cids AS varchar[]),
                                     CAST(:raws AS varchar[]), CAST(:details AS varchar[]), CAST(:ats AS timestamptz[]))
                    WITH ORDINALITY AS e(message_id, segment, status, carrier, link_id, carrier_msg_id, raw_stat, detail, at, n)),
            recorded AS (
                INSERT INTO message_events (message_id, segment, status, carrier, link_id, carrier_msg_id, raw_stat, detail, at)
                SELECT message_id, segment, status, carrier, link_id, carrier_msg_id, raw_stat, detail, at FROM event ORDER BY n
                ON CONFLICT DO NOTHING
                RETURNING message_id, segment, status, coalesce(carrier_msg_id, '') AS cid, coalesce(raw_stat, '') AS raw),
            locked AS (
                SELECT m.id, m.app_id, m.phone, m.type, m.status, m.carrier, m.segments, m.raw_stat, m.detail, m.client_ref,
                       m.accepted_at, now() AS updated_at, m.delivered_parts, a.callback_url IS NOT NULL AS calls_back
                FROM messages m JOIN apps a ON a.id = m.app_id
                WHERE m.id IN (SELECT message_id FROM recorded)
                ORDER BY m.id
                FOR UPDATE OF m)
            SELECT r.message_id AS event_message_id, r.segment AS event_segment, r.status AS event_status,
                   r.cid AS event_cid, r.raw AS event_raw, l.*
            FROM recorded r LEFT JOIN locked l ON l.id = r.message_id""";

    private static final String UPDATE = """
            UPDATE messages m SET status = u.status, carrier = u.carrier, raw_stat = u.raw_stat, detail = u.detail,
                   delivered_parts = CAST(u.parts AS int[]), updated_at = now()
            FROM unnest(CAST(:ids AS varchar[]), CAST(:statuses AS varchar[]), CAST(:carriers AS varchar[]),
                        CAST(:raws AS varchar[]), CAST(:details AS varchar[]), CAST(:parts AS text[]))
                AS u(id, status, carrier, raw_stat, detail, parts)
            WHERE m.id = u.id""";

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public StatusBatchWriter(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /**
     * Records the events and moves their messages; answers the changes apps are told about, in batch order. Joins
     * the caller's transaction if there is one (so that callbacks queued for the changes commit with them).
     *
     * @throws PoisonRecordException for an event without message id, status or time (no retry can store it)
     */
    public Mono<List<StatusChange>> apply(List<StatusEvent> events) {
        List<StatusEvent> distinct = distinct(events);
        if (distinct.isEmpty()) {
            return Mono.just(List.of());
        }
        return record(distinct)
                .flatMap(recorded -> {
                    Folded folded = fold(distinct, recorded);
                    return update(folded.rows()).thenReturn(folded.changes());
                })
                .as(tx::transactional);
    }

    /** The batch without repeats of an event (same key as the timeline's unique index), first one kept. */
    private static List<StatusEvent> distinct(List<StatusEvent> events) {
        Map<EventKey, StatusEvent> unique = new LinkedHashMap<>();
        for (StatusEvent event : events) {
            if (event.messageId() == null || event.status() == null || event.at() == null) {
                throw new PoisonRecordException("status event without message id, status or time");
            }
            unique.putIfAbsent(EventKey.of(event), event);
        }
        return List.copyOf(unique.values());
    }

    private Mono<Recorded> record(List<StatusEvent> events) {
        return db.sql(RECORD)
                .bind("ids", column(events, StatusEvent::messageId))
                .bind("segments", events.stream().map(StatusEvent::segment).toArray(Integer[]::new))
                .bind("statuses", column(events, e -> e.status().name()))
                .bind("carriers", column(events, e -> e.carrier() == null ? null : e.carrier().name()))
                .bind("links", column(events, StatusEvent::linkId))
                .bind("cids", column(events, StatusEvent::carrierMessageId))
                .bind("raws", column(events, StatusEvent::rawStat))
                .bind("details", column(events, e -> StatusFold.truncate(e.detail())))
                .bind("ats", column(events, e -> e.at().toString()))
                .map(Line::of)
                .all()
                .collect(Recorded::new, Recorded::add);
    }

    /** Each message's row after its new events in order, and the changes reported to its app. */
    private static Folded fold(List<StatusEvent> events, Recorded recorded) {
        Map<String, Row> rows = new HashMap<>(recorded.rows);
        Map<String, Row> moved = new LinkedHashMap<>();
        List<StatusChange> changes = new ArrayList<>();
        for (StatusEvent event : events) {
            Row row = rows.get(event.messageId());
            if (row == null || !recorded.keys.contains(EventKey.of(event))) {
                continue; // an unknown message, or an event applied before
            }
            Optional<Step> step = StatusFold.apply(row, event);
            if (step.isEmpty()) {
                continue;
            }
            Row after = step.get().after();
            rows.put(event.messageId(), after);
            moved.put(event.messageId(), after);
            if (step.get().reported()) {
                changes.add(new StatusChange(after.message(), event, after.callsBack()));
            }
        }
        return new Folded(List.copyOf(moved.values()), changes);
    }

    private Mono<Void> update(List<Row> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return db.sql(UPDATE)
                .bind("ids", column(rows, r -> r.message().id()))
                .bind("statuses", column(rows, r -> r.message().status()))
                .bind("carriers", column(rows, r -> r.message().carrier()))
                .bind("raws", column(rows, r -> r.message().rawStat()))
                .bind("details", column(rows, r -> r.message().detail()))
                .bind("parts", column(rows, r -> r.deliveredParts().stream().map(String::valueOf)
                        .collect(Collectors.joining(",", "{", "}"))))
                .fetch().rowsUpdated().then();
    }

    private static <T> String[] column(List<T> items, Function<T, String> value) {
        return items.stream().map(value).toArray(String[]::new);
    }

    /** The timeline's unique key: the same event twice is one event. */
    private record EventKey(String messageId, int segment, String status, String carrierMessageId, String rawStat) {
        static EventKey of(StatusEvent e) {
            return new EventKey(e.messageId(), e.segment(), e.status().name(), orEmpty(e.carrierMessageId()),
                    orEmpty(e.rawStat()));
        }

        private static String orEmpty(String text) {
            return text == null ? "" : text;
        }
    }

    /** One row the INSERT answered: a new event, and the locked row of its message (null if there is none). */
    private record Line(EventKey key, Row row) {
        static Line of(Readable r) {
            EventKey key = new EventKey(r.get("event_message_id", String.class), r.get("event_segment", Integer.class),
                    r.get("event_status", String.class), r.get("event_cid", String.class), r.get("event_raw", String.class));
            if (r.get("id", String.class) == null) {
                return new Line(key, null);
            }
            Integer[] parts = r.get("delivered_parts", Integer[].class);
            return new Line(key, new Row(MessageStore.message(r), parts == null ? List.of() : List.of(parts),
                    Boolean.TRUE.equals(r.get("calls_back", Boolean.class))));
        }
    }

    /** What the INSERT answered: which events are new, and the locked rows of their messages. */
    private static final class Recorded {
        final Set<EventKey> keys = new HashSet<>();
        final Map<String, Row> rows = new HashMap<>();

        void add(Line line) {
            keys.add(line.key());
            if (line.row() != null) {
                rows.putIfAbsent(line.key().messageId(), line.row());
            }
        }
    }

    private record Folded(List<Row> rows, List<StatusChange> changes) {
    }
}
