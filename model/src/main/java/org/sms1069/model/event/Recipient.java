package org.sms1069.model.event;

/**
 * One destination of an outbound submit and the message id its statuses belong to.
 *
 * @param dedupKey this recipient's own key for the part ("id:segment:attempt"): the gateway
 *                 submits a key once, however the router grouped recipients into batches; null in
 *                 records written before batching, where the part's key stands for its one recipient
 */
public record Recipient(String messageId, String phone, String dedupKey) {

    public Recipient(String messageId, String phone) {
        this(messageId, phone, null);
    }

    /** This recipient's key within the given part. */
    public String dedupKeyIn(OutboundSubmit part) {
        return dedupKey != null ? dedupKey : part.dedupKey();
    }
}
