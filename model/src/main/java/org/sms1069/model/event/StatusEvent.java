package org.sms1069.model.event;

import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;

import java.time.Instant;

/**
 * Value on {@code sms.status}, key = message id.
 *
 * @param segment          1-based part this event is about; 0 for the message as a whole
 * @param carrierMessageId the id the carrier gave the part, as the carrier prints it
 * @param rawStat          the carrier's own code (DELIVRD, UNDELIV, MK:0001, a submit result ...)
 * @param origin           where the accepted message lies on {@code sms.submit} ({@link SubmitOrigin}), on the
 *                         gateway's events; null where not known
 */
public record StatusEvent(
        int v,
        String messageId,
        String phone,
        int segment,
        int segments,
        MessageStatus status,
        Carrier carrier,
        String linkId,
        String carrierMessageId,
        String rawStat,
        String detail,
        Instant at,
        String origin) {

    public static final int VERSION = 1;

    /** An event without an origin (the fields written before it existed). */
    public StatusEvent(int v, String messageId, String phone, int segment, int segments, MessageStatus status,
                       Carrier carrier, String linkId, String carrierMessageId, String rawStat, String detail, Instant at) {
        this(v, messageId, phone, segment, segments, status, carrier, linkId, carrierMessageId, rawStat, detail, at, null);
    }
}
