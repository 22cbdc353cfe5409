package org.sms1069.carriersim.receipt;

/** One receipt (or any deferred report) waiting to reach the platform. */
public interface ReceiptJob {

    /**
     * Tries to hand the receipt to a bound receiver.
     *
     * @return true when the receipt was delivered; false to be retried later (no receiver bound,
     *         the peer answered with an error or timed out)
     */
    boolean tryDeliver();

    /** Called once when the job is given up because it was held longer than allowed. */
    void abandon();
}
