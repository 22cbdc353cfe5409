package org.sms1069.model.event;

import org.sms1069.model.Carrier;
import org.sms1069.model.seal.TextSeal;

import java.time.Instant;
import java.util.List;

/**
 * Value on {@code sms.out.<linkId>} and {@code sms.retry}: one SMS part for one or more
 * recipients with identical content. Key = the first recipient's phone.
 *
 * @param dedupKey      stable across redeliveries of the same part: the gateway submits a key once
 * @param segmentNumber 1-based part number
 * @param reference     UDH concatenation reference shared by the parts of one long message
 * @param text          this part's text; sealed ({@link TextSeal}) when {@code sealed}
 * @param notBefore     retries (and scheduled sends) wait until this time; null means at once
 * @param lastError     the raw result of the failure that sent the part to {@code sms.retry} (e.g.
 *                      "LINK_DOWN", "TIMEOUT", "ESME_RTHROTTLED(0x58)"); null on a first attempt
 * @param waitingSince  set while the router holds the part because its carrier has no healthy link:
 *                      when that wait began, to bound it; null otherwise
 * @param throttles     how many of the attempts so far the carrier answered with flow control ("slow
 *                      down"): those are not failures of the part, so they do not use up its attempt limit
 * @param sealed        the text is sealed with the platform's text key (parts of verification messages): only the
 *                      gateway opens it, at the moment it submits the part
 * @param carrierLinkId the carrier's LinkID of the MO this part replies to (CMPP 3.0 LinkID, SMGP LinkID TLV); null
 *                      when it replies to none. Not our {@code linkId}, which names the gateway link.
 */
public record OutboundSubmit(
        int v,
        String dedupKey,
        String linkId,
        Carrier carrier,
        List<Recipient> recipients,
        String sourceAddr,
        int segmentNumber,
        int segmentCount,
        int reference,
        String text,
        int attempt,
        Instant expiresAt,
        Instant notBefore,
        String lastError,
        Instant waitingSince,
        int throttles,
        boolean sealed,
        String carrierLinkId) {

    public static final int VERSION = 1;

    /** Why a part is on {@code sms.retry}: the topic carries two kinds of records, told apart by {@link #waitingSince}. */
    public enum RetryCause {
        /** The gateway failed the attempt (or the carrier throttled it): the next attempt is a new key. */
        FAILED_ATTEMPT,
        /** The router holds the part, same key, while its carrier has no healthy link. */
        WAITING_FOR_LINK
    }

    /** Why this part is on {@code sms.retry} (meaningful on that topic only). */
    public RetryCause retryCause() {
        return waitingSince != null ? RetryCause.WAITING_FOR_LINK : RetryCause.FAILED_ATTEMPT;
    }

    public OutboundSubmit {
        recipients = List.copyOf(recipients);
    }

    /** A part without a failure or a wait behind it (the fields written before lastError existed). */
    public OutboundSubmit(int v, String dedupKey, String linkId, Carrier carrier, List<Recipient> recipients,
                          String sourceAddr, int segmentNumber, int segmentCount, int reference, String text,
                          int attempt, Instant expiresAt, Instant notBefore) {
        this(v, dedupKey, linkId, carrier, recipients, sourceAddr, segmentNumber, segmentCount, reference, text,
                attempt, expiresAt, notBefore, null, null, 0, false, null);
    }

    /** The same part for fewer recipients (those a redelivery has not reached yet). */
    public OutboundSubmit withRecipients(List<Recipient> remaining) {
        return new OutboundSubmit(v, dedupKey, linkId, carrier, remaining, sourceAddr, segmentNumber, segmentCount,
                reference, text, attempt, expiresAt, notBefore, lastError, waitingSince, throttles, sealed, carrierLinkId);
    }

    /**
     * The next attempt of this part after the carrier refused {@code error}: under {@code nextKey} for
     * {@code nextRecipients}, not before {@code notBefore}; a flow-control refusal is counted apart.
     */
    public OutboundSubmit nextAttempt(String nextKey, List<Recipient> nextRecipients, Instant notBefore, String error,
                                      boolean flowControl) {
        return new OutboundSubmit(v, nextKey, linkId, carrier, nextRecipients, sourceAddr, segmentNumber, segmentCount,
                reference, text, attempt + 1, expiresAt, notBefore, error, null, throttles + (flowControl ? 1 : 0), sealed,
                carrierLinkId);
    }

    /** This part held by the router until {@code recheckAt}, waiting since {@code since} for a healthy link. */
    public OutboundSubmit parked(Instant recheckAt, String reason, Instant since) {
        return new OutboundSubmit(v, dedupKey, linkId, carrier, recipients, sourceAddr, segmentNumber, segmentCount,
                reference, text, attempt, expiresAt, recheckAt, reason, since, throttles, sealed, carrierLinkId);
    }

    /** This part on {@code link}, no longer waiting (lastError and notBefore stay, for the record). */
    public OutboundSubmit onLink(String link) {
        return new OutboundSubmit(v, dedupKey, link, carrier, recipients, sourceAddr, segmentNumber, segmentCount,
                reference, text, attempt, expiresAt, notBefore, lastError, null, throttles, sealed, carrierLinkId);
    }

    /** This part for one of its recipients alone, under that recipient's own key, due at once. */
    public OutboundSubmit alone(Recipient recipient, String key) {
        return new OutboundSubmit(v, key, linkId, carrier, List.of(recipient), sourceAddr, segmentNumber, segmentCount,
                reference, text, attempt, expiresAt, null, lastError, null, throttles, sealed, carrierLinkId);
    }

    /** This part due at {@code sendAt}. */
    public OutboundSubmit dueAt(Instant sendAt) {
        return new OutboundSubmit(v, dedupKey, linkId, carrier, recipients, sourceAddr, segmentNumber, segmentCount,
                reference, text, attempt, expiresAt, sendAt, lastError, waitingSince, throttles, sealed, carrierLinkId);
    }

    /** The same part replying to the MO that brought the carrier's {@code linkIdOfMo} (null: to none). */
    public OutboundSubmit withCarrierLinkId(String linkIdOfMo) {
        return new OutboundSubmit(v, dedupKey, linkId, carrier, recipients, sourceAddr, segmentNumber, segmentCount,
                reference, text, attempt, expiresAt, notBefore, lastError, waitingSince, throttles, sealed, linkIdOfMo);
    }

    /** Attempts that failed for a reason other than flow control: what the router's attempt limit counts. */
    public int failedAttempts() {
        return attempt - 1 - throttles;
    }

    /** The same part with its text sealed (verification parts travel so through Kafka). */
    public OutboundSubmit sealedWith(TextSeal seal) {
        return sealed ? this : withText(seal.seal(text), true);
    }

    /** The same part with its clear text, to submit. */
    public OutboundSubmit openedWith(TextSeal seal) {
        return sealed ? withText(seal.open(text), false) : this;
    }

    private OutboundSubmit withText(String newText, boolean isSealed) {
        return new OutboundSubmit(v, dedupKey, linkId, carrier, recipients, sourceAddr, segmentNumber, segmentCount,
                reference, newText, attempt, expiresAt, notBefore, lastError, waitingSince, throttles, isSealed,
                carrierLinkId);
    }
}
