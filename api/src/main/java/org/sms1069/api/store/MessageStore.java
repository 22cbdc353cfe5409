package org.sms1069.api.store;

import org.sms1069.messaging.Coalescer;
import org.sms1069.model.MessageType;
import org.sms1069.model.event.AcceptedMessage;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Messages and their timelines in PostgreSQL; status events are applied by {@link StatusBatchWriter}.
 */
@Component
public class MessageStore {
    /** Sends written in one statement at most; a second statement may run while the first commits. */
    private static final int MAX_SENDS_PER_INSERT = 256;
    private static final int INSERTS_IN_FLIGHT = 2;

    private final DatabaseClient db;
    private final Coalescer<Send, Written> inserts = Coalescer.whileBusy(this::insertAll, MAX_SENDS_PER_INSERT,
            INSERTS_IN_FLIGHT);

    public MessageStore(DatabaseClient db) {
        this.db = db;
    }

    public record StoredMessage(String id, String appId, String phone, String type, String status, String carrier,
                                int segments, String rawStat, String detail, String clientRef, Instant acceptedAt,
                                Instant updatedAt) {
    }

    public record StoredEvent(String status, int segment, String carrier, String linkId, String carrierMessageId,
                              String rawStat, String detail, Instant at) {
    }

    /**
     * Records the messages of one send as ACCEPTED. Sends made while an insert is running are written together in
     * one statement when it ends (group commit: one transaction for many requests, no wait for a lone one); should
     * that statement fail, each of its sends is written alone, so a send fails only for its own sake.
     */
    public Mono<Void> insertAccepted(List<AcceptedMessage> messages, ComposedMessage composed) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        Send send;
        try {
            send = Send.of(messages, composed);
        } catch (IllegalArgumentException e) {
            return Mono.error(e);
        }
        return Mono.fromFuture(() -> inserts.submit(send)).flatMap(Written::asMono);
    }

    /** The messages of one send: one composed text, so they differ only in id and phone. */
    private record Send(List<AcceptedMessage> messages, ComposedMessage composed) {
        static Send of(List<AcceptedMessage> messages, ComposedMessage composed) {
            if (messages.stream().map(Shared::of).distinct().count() > 1) {
                throw new IllegalArgumentException("the messages of one send differ in more than id and phone");
            }
            return new Send(messages, composed);
        }

        AcceptedMessage first() {
            return messages.get(0);
        }
    }

    /** What the messages of one send have in common. */
    private record Shared(String appId, MessageType type, String text, String sourceAddr, int segments, String clientRef,
                          Instant acceptedAt, Instant expiresAt) {
        static Shared of(AcceptedMessage m) {
            return new Shared(m.appId(), m.type(), m.text(), m.sourceAddr(), m.segments(), m.clientRef(), m.acceptedAt(),
                    m.expiresAt());
        }
    }

    /** How one send's insert ended: null when written. */
    private record Written(Throwable error) {
        static final Written OK = new Written(null);

        Mono<Void> asMono() {
            return error == null ? Mono.empty() : Mono.error(error);
        }
    }

    private CompletableFuture<List<Written>> insertAll(List<Send> sends) {
        Mono<List<Written>> written = insert(sends).then(Mono.fromSupplier(() -> Collections.nCopies(sends.size(), Written.OK)));
        if (sends.size() > 1) {
            written = written.onErrorResume(error -> Flux.fromIterable(sends)
                    .concatMap(send -> insert(List.of(send)).thenReturn(Written.OK)
                            .onErrorResume(own -> Mono.just(new Written(own))))
                    .collectList());
        } else {
            written = written.onErrorResume(error -> Mono.just(List.of(new Written(error))));
        }
        return written.toFuture();
    }

    /** One statement for all messages of the sends: the rows join their send's shared columns by position. */
    private Mono<Void> insert(List<Send> sends) {
        List<String> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<Integer> sendOf = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            for (AcceptedMessage m : sends.get(i).messages()) {
                ids.add(m.messageId());
                phones.add(m.phone());
                sendOf.add(i + 1);
            }
        }
        return db.sql("""
                        INSERT INTO messages (id, app_id, phone, type, text, source_addr, segments, status, client_ref,
                                              accepted_at, expires_at, updated_at, template_id, signature)
                        SELECT m.id, s.app, m.phone, s.type, s.text, s.src, s.segments, 'ACCEPTED', s.ref, s.at, s.expires,
                               s.at, s.tpl, s.sig
                        FROM unnest(CAST(:ids AS varchar[]), CAST(:phones AS varchar[]), CAST(:sends AS int[]))
                                 AS m (id, phone, send)
                        JOIN unnest(CAST(:apps AS varchar[]), CAST(:types AS varchar[]), CAST(:texts AS text[]),
                                    CAST(:srcs AS varchar[]), CAST(:segments AS int[]), CAST(:refs AS varchar[]),
                                    CAST(:ats AS timestamptz[]), CAST(:expires AS timestamptz[]), CAST(:tpls AS varchar[]),
                                    CAST(:sigs AS varchar[])) WITH ORDINALITY
                                 AS s (app, type, text, src, segments, ref, at, expires, tpl, sig, n) ON s.n = m.send""")
                .bind("ids", ids.toArray(String[]::new))
                .bind("phones", phones.toArray(String[]::new))
                .bind("sends", sendOf.toArray(Integer[]::new))
                .bind("apps", column(sends, s -> s.first().appId()))
                .bind("types", column(sends, s -> s.first().type().name()))
                .bind("texts", column(sends, s -> s.composed().keptText()))
                .bind("srcs", column(sends, s -> s.first().sourceAddr()))
                .bind("segments", sends.stream().map(s -> s.first().segments()).toArray(Integer[]::new))
                .bind("refs", column(sends, s -> Optional.ofNullable(s.first().clientRef()).orElse("")))
                .bind("ats", column(sends, s -> s.first().acceptedAt().toString()))
                .bind("expires", column(sends, s -> s.first().expiresAt() == null ? null : s.first().expiresAt().toString()))
                .bind("tpls", column(sends, s -> s.composed().templateId()))
                .bind("sigs", column(sends, s -> s.composed().signature()))
                .fetch().rowsUpdated().then();
    }

    private static String[] column(List<Send> sends, Function<Send, String> value) {
        return sends.stream().map(value).toArray(String[]::new);
    }

    public Mono<Void> markFailed(List<String> ids, String detail) {
        return db.sql("UPDATE messages SET status = 'FAILED', detail = :detail, updated_at = now() WHERE id = ANY(:ids)")
                .bind("detail", detail).bind("ids", ids.toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    public Mono<StoredMessage> find(String appId, String id) {
        return db.sql("""
                        SELECT id, app_id, phone, type, status, carrier, segments, raw_stat, detail, client_ref, accepted_at, updated_at
                        FROM messages WHERE id = :id AND app_id = :app""")
                .bind("id", id).bind("app", appId)
                .map(row -> message(row))
                .one();
    }

    static StoredMessage message(io.r2dbc.spi.Readable row) {
        return new StoredMessage(row.get("id", String.class), row.get("app_id", String.class),
                row.get("phone", String.class), row.get("type", String.class), row.get("status", String.class),
                row.get("carrier", String.class), row.get("segments", Integer.class), row.get("raw_stat", String.class),
                row.get("detail", String.class), emptyToNull(row.get("client_ref", String.class)),
                row.get("accepted_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    /** The app's messages matching the query, newest first, one more than the page to tell if more follow. */
    public Flux<StoredMessage> search(String appId, MessageQuery q) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, app_id, phone, type, status, carrier, segments, raw_stat, detail, client_ref, accepted_at, updated_at
                FROM messages WHERE app_id = :app""");
        java.util.Map<String, Object> binds = new java.util.LinkedHashMap<>();
        binds.put("app", appId);
        if (q.phone() != null) {
            sql.append(" AND phone = :phone");
            binds.put("phone", q.phone());
        }
        if (q.status() != null) {
            sql.append(" AND status = :status");
            binds.put("status", q.status().name());
        }
        if (q.clientRef() != null) {
            sql.append(" AND client_ref = :ref");
            binds.put("ref", q.clientRef());
        }
        if (q.from() != null) {
            sql.append(" AND accepted_at >= :from");
            binds.put("from", utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND accepted_at < :to");
            binds.put("to", utc(q.to()));
        }
        if (q.afterTime() != null) {
            sql.append(" AND (accepted_at, id) < (:afterTime, :afterId)");
            binds.put("afterTime", utc(q.afterTime()));
            binds.put("afterId", q.afterId());
        }
        sql.append(" ORDER BY accepted_at DESC, id DESC LIMIT ").append(q.limit() + 1);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> message(row)).all();
    }

    public Flux<StoredEvent> timeline(String id) {
        return db.sql("""
                        SELECT status, segment, carrier, link_id, carrier_msg_id, raw_stat, detail, at
                        FROM message_events WHERE message_id = :id ORDER BY at, seq""")
                .bind("id", id)
                .map(row -> new StoredEvent(row.get("status", String.class), row.get("segment", Integer.class),
                        row.get("carrier", String.class), row.get("link_id", String.class),
                        row.get("carrier_msg_id", String.class), row.get("raw_stat", String.class),
                        row.get("detail", String.class), row.get("at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** R2DBC needs the type of a null; every nullable column here is text. */
    private static io.r2dbc.spi.Parameter nullable(String value) {
        return io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, value);
    }
}
