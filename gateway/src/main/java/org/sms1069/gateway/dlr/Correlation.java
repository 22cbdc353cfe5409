package org.sms1069.gateway.dlr;

import org.sms1069.model.Carrier;

import java.time.Instant;

/**
 * What a carrier message id stands for: one part of our message to one phone.
 *
 * @param origin where the message lies on {@code sms.submit} (the recipient's origin), handed on in its statuses
 */
public record Correlation(String messageId, String phone, int segment, int segments, Carrier carrier,
                          String linkId, String carrierMessageId, Instant submittedAt, String origin) {

    public Correlation(String messageId, String phone, int segment, int segments, Carrier carrier, String linkId,
                       String carrierMessageId, Instant submittedAt) {
        this(messageId, phone, segment, segments, carrier, linkId, carrierMessageId, submittedAt, null);
    }

    /** The same part known by the id a receipt printed (a part whose submit got no answer). */
    public Correlation withCarrierMessageId(String id) {
        return new Correlation(messageId, phone, segment, segments, carrier, linkId, id, submittedAt, origin);
    }
}
