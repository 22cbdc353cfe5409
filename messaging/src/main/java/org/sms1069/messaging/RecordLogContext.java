package org.sms1069.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.StatusEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The logging context (MDC) of one consumed record, on the consumer thread while the record is handled: topic,
 * partition and offset, the {@code traceId} of its trace ({@link RecordTracing}), and once it is decoded the ids
 * of the message it carries ({@code messageId}, {@code appId}, {@code linkId}). JSON logs carry them as fields, so
 * one message's lines can be found. Never a phone number or a text.
 */
final class RecordLogContext implements AutoCloseable {
    private final List<String> keys = new ArrayList<>();

    private RecordLogContext() {
    }

    static RecordLogContext of(ConsumerRecord<?, ?> record) {
        RecordLogContext context = new RecordLogContext();
        context.put("topic", record.topic());
        context.put("partition", String.valueOf(record.partition()));
        context.put("offset", String.valueOf(record.offset()));
        context.put("traceId", RecordTracing.traceIdOf(record));
        return context;
    }

    /** The trace id of the record's handling, where it starts a new trace (the record came without one). */
    void traced(String traceId) {
        if (traceId != null && !traceId.equals(MDC.get("traceId"))) {
            put("traceId", traceId);
        }
    }

    /** Adds the ids of the decoded record's message, where its type has them. */
    void describe(Object value) {
        if (value instanceof AcceptedMessage message) {
            put("messageId", message.messageId());
            put("appId", message.appId());
        } else if (value instanceof OutboundSubmit part) {
            put("linkId", part.linkId());
            if (part.recipients() != null && part.recipients().size() == 1) {
                put("messageId", part.recipients().get(0).messageId());
            }
        } else if (value instanceof StatusEvent event) {
            put("messageId", event.messageId());
            put("linkId", event.linkId());
        }
    }

    private void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
            keys.add(key);
        }
    }

    @Override
    public void close() {
        keys.forEach(MDC::remove);
    }
}
