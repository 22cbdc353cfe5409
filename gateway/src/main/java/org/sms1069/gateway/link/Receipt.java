package org.sms1069.gateway.link;

import java.time.Instant;

/**
 * A delivery receipt as a carrier reported it, before it is matched to our message. What the carrier sent is made
 * safe on the way in ({@link InboundValues}): control characters dropped, codes cut to the columns that keep them.
 *
 * @param carrierMessageId the id the carrier gave the part at submit, as printed in the receipt
 * @param phone            the recipient the receipt is about, as the carrier printed it; null if it did not
 * @param stat             the carrier's raw stat: DELIVRD, UNDELIV, EXPIRED, MK:0001 ...
 * @param scope            the carrier account it came from ({@link org.sms1069.model.link.LinkSettings#receiptScope()})
 */
public record Receipt(String linkId, String scope, String carrierMessageId, String phone, String stat, String error,
                      Instant doneAt) {

    public Receipt {
        carrierMessageId = InboundValues.line(carrierMessageId, InboundValues.CARRIER_ID_COLUMN);
        phone = InboundValues.line(phone, InboundValues.PHONE_COLUMN);
        stat = InboundValues.line(stat, InboundValues.STAT_COLUMN);
        error = InboundValues.line(error, InboundValues.ERROR_COLUMN);
    }
}
