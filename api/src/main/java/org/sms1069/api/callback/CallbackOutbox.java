package org.sms1069.api.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sms1069.api.store.MessageStore.StoredMessage;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.json.SmsJson;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * Writes callbacks to the outbox table. Callers run it in the transaction that records what the
 * callback reports, so a redelivered event (which changes nothing) adds no second callback, and a
 * crash never leaves a change without its callback. Apps without a callback URL get no rows.
 */
@Component
public class CallbackOutbox {
    public static final String STATUS = "STATUS";
    public static final String MO = "MO";

    private final DatabaseClient db;

    public CallbackOutbox(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> statusChanged(StoredMessage message, StatusEvent event) {
        Instant at = event.at() != null ? event.at() : message.updatedAt();
        ObjectNode payload = SmsJson.mapper().createObjectNode()
                .put("messageId", message.id())
                .put("phone", message.phone())
                .put("status", message.status())
                .put("carrier", message.carrier())
                .put("rawStat", message.rawStat())
                .put("segments", message.segments())
                .put("clientRef", message.clientRef())
                .put("at", at.toString());
        return enqueue(message.appId(), STATUS, payload);
    }

    /** @param payload the item as the app will see it, without its callbackId */
    public Mono<Void> enqueue(String appId, String kind, ObjectNode payload) {
        return db.sql("""
                        INSERT INTO callbacks (app_id, kind, payload)
                        SELECT id, :kind, CAST(:payload AS jsonb) FROM apps WHERE id = :app AND callback_url IS NOT NULL""")
                .bind("kind", kind).bind("payload", payload.toString()).bind("app", appId)
                .fetch().rowsUpdated().then();
    }
}
