package org.sms1069.gateway.dlr;

import java.time.Instant;

/**
 * A delivery receipt as a carrier reported it, before it is matched to our message.
 *
 * @param carrierMessageId the id the carrier gave the part at submit, as printed in the receipt
 * @param phone            the recipient the receipt is about, as the carrier printed it; null if it did not
 * @param stat             the carrier's raw stat: DELIVRD, UNDELIV, EXPIRED, MK:0001 ...
 * @param scope            the carrier account it came from ({@link org.sms1069.model.link.LinkSettings#receiptScope()})
 */
public record Receipt(String linkId, String scope, String carrierMessageId, String phone, String stat, String error,
                      Instant doneAt) {
}
