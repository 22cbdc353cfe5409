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
 * @param sealed        the text is sealed with the platform's text key (parts of verification messages): only the
 *                      gateway opens it, at the moment it submits the part
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
        boolean sealed) {

    public static final int VERSION = 1;

    public OutboundSubmit {
        recipients = List.copyOf(recipients);
    }

    /** A part without a failure or a wait behind it (the fields written before lastError existed). */
    public OutboundSubmit(int v, String dedupKey, String linkId, Carrier carrier, List<Recipient> recipients,
                          String sourceAddr, int segmentNumber, int segmentCount, int reference, String text,
                          int attempt, Instant expiresAt, Instant notBefore) {
        this(v, dedupKey, linkId, carrier, recipients, sourceAddr, segmentNumber, segmentCount, reference, text,
                attempt, expiresAt, notBefore, null, null, false);
    }

    /** The same part for fewer recipients (those a redelivery has not reached yet). */
    public OutboundSubmit withRecipients(List<Recipient> remaining) {
        return new OutboundSubmit(v, dedupKey, linkId, carrier, remaining, sourceAddr, segmentNumber, segmentCount,
                reference, text, attempt, expiresAt, notBefore, lastError, waitingSince, sealed);
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
                reference, newText, attempt, expiresAt, notBefore, lastError, waitingSince, isSealed);
    }
}
