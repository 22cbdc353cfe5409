package org.sms1069.api.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sms1069.api.store.MessageStore.StoredMessage;
import org.sms1069.api.store.StatusChange;
import org.sms1069.model.json.SmsJson;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes callbacks to the outbox table. Callers run it in the transaction that records what the
 * callback reports, so a redelivered event (which changes nothing) adds no second callback, and a
 * crash never leaves a change without its callback. Apps without a callback URL get no rows.
 */
@Component
public class CallbackOutbox {
    public static final String STATUS = "STATUS";
    public static final String MO = "MO";
    /**
     * The payload's field that keeps the trace of what queued the callback (W3C traceparent), so that its delivery
     * continues that trace; the dispatcher takes it out before the POST.
     */
    static final String TRACEPARENT = "traceparent";

    /** Rows in the order given (callback ids grow in it), only for apps that have a callback URL. */
    private static final String ENQUEUE = """
            INSERT INTO callbacks (app_id, kind, payload)
            SELECT a.id, :kind, CAST(q.payload AS jsonb)
            FROM unnest(CAST(:apps AS varchar[]), CAST(:payloads AS text[])) WITH ORDINALITY AS q(app_id, payload, n)
            JOIN apps a ON a.id = q.app_id
            WHERE a.callback_url IS NOT NULL
            ORDER BY q.n""";

    private final DatabaseClient db;

    public CallbackOutbox(DatabaseClient db) {
        this.db = db;
    }

    /**
     * One STATUS callback per change whose app takes callbacks, in one statement (none if no app does).
     *
     * @param traces each message's trace ({@code traceparent}), kept with its callbacks
     */
    public Mono<Void> statusesChanged(List<StatusChange> changes, Map<String, String> traces) {
        List<StatusChange> wanted = changes.stream().filter(StatusChange::callsBack).toList();
        return enqueueAll(STATUS, wanted.stream().map(StatusChange::message).map(StoredMessage::appId).toList(),
                wanted.stream().map(change -> statusItem(change, traces.get(change.message().id()))).toList());
    }

    private static ObjectNode statusItem(StatusChange change, String traceparent) {
        StoredMessage message = change.message();
        Instant at = change.event().at() != null ? change.event().at() : message.updatedAt();
        ObjectNode item = SmsJson.mapper().createObjectNode();
        if (traceparent != null) {
            item.put(TRACEPARENT, traceparent);
        }
        return item
                .put("messageId", message.id())
                .put("phone", message.phone())
                .put("status", message.status())
                .put("carrier", message.carrier())
                .put("rawStat", message.rawStat())
                .put("segments", message.segments())
                .put("clientRef", message.clientRef())
                .put("at", at.toString());
    }

    /** @param payload the item as the app will see it, without its callbackId */
    public Mono<Void> enqueue(String appId, String kind, ObjectNode payload) {
        return enqueueAll(kind, List.of(appId), List.of(payload));
    }

    private Mono<Void> enqueueAll(String kind, List<String> appIds, List<ObjectNode> payloads) {
        if (appIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql(ENQUEUE)
                .bind("kind", kind)
                .bind("apps", appIds.toArray(String[]::new))
                .bind("payloads", payloads.stream().map(ObjectNode::toString).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }
}
