package org.sms1069.api.store;

import org.sms1069.api.store.MessageStore.StoredMessage;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.event.StatusEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a status event moves a message, applied in Java to the message's locked row, so that the events of one
 * message within one batch are folded in their order before a single UPDATE:
 * <ul>
 *   <li>SUBMITTED moves only an ACCEPTED message (a DELIVERED one never goes back);</li>
 *   <li>DELIVERED records its part and moves the message when every part is delivered;</li>
 *   <li>UNDELIVERED, EXPIRED, FAILED, REJECTED and BLOCKED end an ACCEPTED or SUBMITTED message;</li>
 *   <li>a final status never moves, except a number-portability refusal ({@link #rerouted}): the router sends
 *       that message once more, to the number's new carrier, and its SUBMITTED and DELIVERED still count.</li>
 * </ul>
 */
final class StatusFold {
    static final int MAX_DETAIL = 200;

    private StatusFold() {
    }

    /** A message as the writer holds it locked: the row, its delivered parts, whether its app takes callbacks. */
    record Row(StoredMessage message, List<Integer> deliveredParts, boolean callsBack) {
        MessageStatus status() {
            return MessageStatus.valueOf(message.status());
        }
    }

    /** What one event did: the row after it, and whether the app is told (its status changed as the app sees it). */
    record Step(Row after, boolean reported) {
    }

    /** The row after the event, or empty if the event changes nothing (ACCEPTED, or the message is past it). */
    static Optional<Step> apply(Row row, StatusEvent event) {
        MessageStatus status = row.status();
        boolean open = status == MessageStatus.ACCEPTED || status == MessageStatus.SUBMITTED;
        return switch (event.status()) {
            case SUBMITTED -> status == MessageStatus.ACCEPTED || rerouted(row.message())
                    ? Optional.of(new Step(with(row, MessageStatus.SUBMITTED.name(), event, row.message().rawStat(),
                            row.message().detail(), row.deliveredParts()), true))
                    : Optional.empty();
            case DELIVERED -> open || rerouted(row.message()) ? Optional.of(delivered(row, event)) : Optional.empty();
            case UNDELIVERED, EXPIRED, FAILED, REJECTED, BLOCKED -> open
                    ? Optional.of(new Step(with(row, event.status().name(), event,
                            event.rawStat() != null ? event.rawStat() : row.message().rawStat(), truncate(event.detail()),
                            row.deliveredParts()), true))
                    : Optional.empty();
            case ACCEPTED -> Optional.empty();
        };
    }

    /** A long message is delivered when every one of its parts is; until then only its parts and raw stat move. */
    private static Step delivered(Row row, StatusEvent event) {
        int part = Math.max(1, event.segment());
        List<Integer> parts = row.deliveredParts();
        if (!parts.contains(part)) {
            parts = new ArrayList<>(parts);
            parts.add(part);
        }
        boolean all = parts.size() >= row.message().segments();
        String status = all ? MessageStatus.DELIVERED.name() : row.message().status();
        return new Step(with(row, status, event, event.rawStat(), row.message().detail(), List.copyOf(parts)), all);
    }

    /**
     * Refused because the number was ported (NP:..., or MK:0001 from the number's original carrier): the router
     * may route the message once more, so its later SUBMITTED and DELIVERED events still count.
     */
    static boolean rerouted(StoredMessage message) {
        String raw = message.rawStat();
        return MessageStatus.UNDELIVERED.name().equals(message.status())
                && raw != null && (raw.startsWith("NP:") || raw.equals("MK:0001"));
    }

    private static Row with(Row row, String status, StatusEvent event, String rawStat, String detail,
                            List<Integer> deliveredParts) {
        StoredMessage m = row.message();
        String carrier = event.carrier() != null ? event.carrier().name() : m.carrier();
        return new Row(new StoredMessage(m.id(), m.appId(), m.phone(), m.type(), status, carrier, m.segments(), rawStat,
                detail, m.clientRef(), m.acceptedAt(), m.updatedAt()), deliveredParts, row.callsBack());
    }

    static String truncate(String text) {
        return text == null || text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL);
    }
}
