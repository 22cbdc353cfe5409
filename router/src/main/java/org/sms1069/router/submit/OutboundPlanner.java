package org.sms1069.router.submit;

import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.PartKey;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.segment.Segments;

import java.util.ArrayList;
import java.util.List;

/** Turns an accepted message into the SMS parts a link submits. Pure: same input, same parts. */
public final class OutboundPlanner {
    private OutboundPlanner() {
    }

    /** Parts with the reference derived from the message id (for single-part messages it is not sent). */
    public static List<OutboundSubmit> plan(AcceptedMessage message, LinkSettings link) {
        return plan(message, link, udhReference(message.messageId()));
    }

    /** Parts sharing {@code reference}, which a long message takes from {@link UdhReferences}. */
    public static List<OutboundSubmit> plan(AcceptedMessage message, LinkSettings link, int reference) {
        return plan(message, link, reference, null);
    }

    /** As above, the recipient naming where the message lies on {@code sms.submit} ({@code origin}, may be null). */
    public static List<OutboundSubmit> plan(AcceptedMessage message, LinkSettings link, int reference, String origin) {
        List<String> parts = Segments.split(message.text());
        List<OutboundSubmit> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            int number = i + 1;
            out.add(new OutboundSubmit(OutboundSubmit.VERSION, PartKey.of(message.messageId(), message.reroute(), number, 1).toString(), link.id(),
                    link.carrier(), List.of(new Recipient(message.messageId(), message.phone(), null, origin)),
                    message.sourceAddr(), number, parts.size(), reference, parts.get(i), 1,
                    message.expiresAt(), null).withCarrierLinkId(message.carrierLinkId()));
        }
        return out;
    }


    /**
     * Derived from the message id so that a redelivered message keeps its reference. Only single-part
     * messages use it (it is never sent for them); long ones take a per-phone reference from Redis.
     */
    static int udhReference(String messageId) {
        return Math.floorMod(messageId.hashCode(), 255) + 1;
    }
}
