package org.sms1069.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A message as {@code GET /v1/messages/{id}} shows it: ACCEPTED, SUBMITTED, then DELIVERED, UNDELIVERED, EXPIRED,
 * or FAILED; the carrier's ids and raw code, and the timeline of every event (empty in a list).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(String id, String phone, String type, String status, String carrier, int segments,
                      List<String> carrierMessageIds, String rawStat, String detail, String clientRef,
                      Instant acceptedAt, Instant updatedAt, List<Event> timeline) {
    private static final Set<String> FINAL = Set.of("DELIVERED", "UNDELIVERED", "EXPIRED", "FAILED");

    public Message {
        carrierMessageIds = carrierMessageIds == null ? List.of() : carrierMessageIds;
        timeline = timeline == null ? List.of() : timeline;
    }

    /** A final status does not change any more. */
    public boolean isFinal() {
        return FINAL.contains(status);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(String status, int segment, String carrier, String linkId, String carrierMessageId,
                        String rawStat, String detail, Instant at) {
    }
}
