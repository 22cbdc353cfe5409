package org.sms1069.model.event;

/**
 * One destination of an outbound submit and the message id its statuses belong to.
 *
 * @param dedupKey this recipient's own key for the part ("id:segment:attempt"): the gateway
 *                 submits a key once, however the router grouped recipients into batches; null in
 *                 records written before batching, where the part's key stands for its one recipient
 * @param origin   where the accepted message lies on {@code sms.submit} ({@link SubmitOrigin}): the router reads
 *                 it again from there to re-route it after a portability receipt, so no store keeps the text;
 *                 null in records written before it existed
 */
public record Recipient(String messageId, String phone, String dedupKey, String origin) {

    public Recipient(String messageId, String phone) {
        this(messageId, phone, null, null);
    }

    public Recipient(String messageId, String phone, String dedupKey) {
        this(messageId, phone, dedupKey, null);
    }

    /** The same recipient under another dedup key (a retry's next attempt). */
    public Recipient withDedupKey(String key) {
        return new Recipient(messageId, phone, key, origin);
    }

    /** This recipient's key within the given part. */
    public String dedupKeyIn(OutboundSubmit part) {
        return dedupKey != null ? dedupKey : part.dedupKey();
    }
}
