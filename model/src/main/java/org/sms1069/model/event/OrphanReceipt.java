package org.sms1069.model.event;

import org.sms1069.model.MessageStatus;

import java.time.Instant;
import java.util.List;

/**
 * Value on {@code sms.receipt.orphan}, key = the carrier's id: a receipt the gateway matched to no submit. Most
 * such receipts only overtook their submit's response and are matched by the gateway a moment later; the rest
 * lost their match (a Redis crash takes the last writes with it). The api looks such a receipt up in the status
 * store once {@code receivedAt} plus a grace period has passed, if its part has no final status by then.
 *
 * @param carrierIds every canonical print of the carrier's id (upper case, no leading zeros; a numeric id in its
 *                   decimal and hex forms): the status store is searched for each
 * @param phone      the recipient's last 11 digits; empty when the receipt names none
 * @param status     what the receipt means for the part (DELIVERED, UNDELIVERED, EXPIRED)
 */
public record OrphanReceipt(int v, String linkId, List<String> carrierIds, String phone, MessageStatus status,
                            String rawStat, String error, Instant receivedAt) {

    public static final int VERSION = 1;

    public OrphanReceipt {
        carrierIds = List.copyOf(carrierIds);
    }
}
