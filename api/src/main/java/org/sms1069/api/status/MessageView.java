package org.sms1069.api.status;

import org.sms1069.api.store.MessageStore;

import java.time.Instant;
import java.util.List;

/** Answer of {@code GET /v1/messages/{id}}: the status, the carrier's codes and the timeline. */
public record MessageView(String id, String phone, String type, String status, String carrier, int segments,
                          List<String> carrierMessageIds, String rawStat, String detail, String clientRef,
                          Instant acceptedAt, Instant updatedAt, List<MessageStore.StoredEvent> timeline) {

    static MessageView of(MessageStore.StoredMessage m, List<MessageStore.StoredEvent> timeline) {
        List<String> carrierIds = timeline.stream().map(MessageStore.StoredEvent::carrierMessageId)
                .filter(id -> id != null && !id.isEmpty()).distinct().toList();
        return new MessageView(m.id(), m.phone(), m.type(), m.status(), m.carrier(), m.segments(), carrierIds,
                m.rawStat(), m.detail(), m.clientRef(), m.acceptedAt(), m.updatedAt(), timeline);
    }
}
