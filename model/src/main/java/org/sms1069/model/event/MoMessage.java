package org.sms1069.model.event;

import org.sms1069.model.Carrier;

import java.time.Instant;

/**
 * Value on {@code sms.mo}: a reply from a phone; destination is the 1069 number plus extension.
 *
 * @param carrierMessageId the carrier's id of the DELIVER that brought it (null where the protocol has none);
 *                         a DELIVER the carrier sends again carries the same id
 */
public record MoMessage(int v, String phone, String destination, String text, Carrier carrier, String linkId, Instant at,
                        String carrierMessageId) {
    public static final int VERSION = 1;
}
