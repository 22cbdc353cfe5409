package org.sms1069.model.event;

import org.sms1069.model.Carrier;

import java.time.Instant;

/**
 * Value on {@code sms.mo}: a reply from a phone; destination is the 1069 number plus extension.
 *
 * @param linkId           our gateway link it came on (not the carrier's LinkID: that is {@code carrierLinkId})
 * @param carrierMessageId the carrier's id of the DELIVER that brought it (null where the protocol has none);
 *                         a DELIVER the carrier sends again carries the same id
 * @param carrierLinkId    the carrier's LinkID of an on-demand MO (CMPP 3.0 LinkID, SMGP LinkID TLV): an MT reply
 *                         to this MO must send it back; null where the carrier sent none (and in older records)
 */
public record MoMessage(int v, String phone, String destination, String text, Carrier carrier, String linkId, Instant at,
                        String carrierMessageId, String carrierLinkId) {
    public static final int VERSION = 1;

    /** An MO without a carrier LinkID (protocols that have none, or the carrier sent it blank). */
    public MoMessage(int v, String phone, String destination, String text, Carrier carrier, String linkId, Instant at,
                     String carrierMessageId) {
        this(v, phone, destination, text, carrier, linkId, at, carrierMessageId, null);
    }
}
