package org.sms1069.model.event;

import org.sms1069.model.Carrier;

import java.time.Instant;
import java.util.List;

/**
 * Value on {@code sms.out.<linkId>} and {@code sms.retry}: one SMS part for one or more
 * recipients with identical content. Key = the first recipient's phone.
 *
 * @param dedupKey      stable across redeliveries of the same part: the gateway submits a key once
 * @param segmentNumber 1-based part number
 * @param reference     UDH concatenation reference shared by the parts of one long message
 * @param text          this part's text
 * @param notBefore     retries wait until this time; null means at once
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
        Instant notBefore) {

    public static final int VERSION = 1;

    public OutboundSubmit {
        recipients = List.copyOf(recipients);
    }
}
