package org.sms1069.model.event;

import org.sms1069.model.MessageType;
import org.sms1069.model.seal.TextSeal;

import java.time.Instant;

/**
 * Value on {@code sms.submit}: one accepted message to one phone, key = phone.
 *
 * @param text       the full text as the phone shows it, signature included; sealed ({@link TextSeal}) when
 *                   {@code sealed}
 * @param sourceAddr the 1069 number with the app's extension appended
 * @param expiresAt  validity: after this the message is not submitted any more
 * @param sendAt     a scheduled send: not submitted before this time; null means at once
 * @param reroute    0 when the api accepted it; 1 when the router sends it again on another carrier
 *                   because a receipt said the number was ported (at most once per message)
 * @param sealed     the text is sealed with the platform's text key: verification texts never lie in Kafka in clear
 * @param carrierLinkId the carrier's LinkID of the MO this message replies to, sent back with each of its parts on
 *                   links whose protocol has the field (CMPP 3.0, SMGP); null for a message that replies to nothing
 *                   or to an MO that came without one (and in older records)
 */
public record AcceptedMessage(
        int v,
        String messageId,
        String appId,
        MessageType type,
        String phone,
        String text,
        String sourceAddr,
        int segments,
        String clientRef,
        Instant acceptedAt,
        Instant expiresAt,
        Instant sendAt,
        int reroute,
        boolean sealed,
        String carrierLinkId) {

    public static final int VERSION = 1;

    /** A message as the api accepts it (the fields written before reroute existed). */
    public AcceptedMessage(int v, String messageId, String appId, MessageType type, String phone, String text,
                           String sourceAddr, int segments, String clientRef, Instant acceptedAt, Instant expiresAt,
                           Instant sendAt) {
        this(v, messageId, appId, type, phone, text, sourceAddr, segments, clientRef, acceptedAt, expiresAt, sendAt, 0, false, null);
    }

    /** The same message, to be routed again after a portability receipt. */
    public AcceptedMessage rerouted() {
        return new AcceptedMessage(v, messageId, appId, type, phone, text, sourceAddr, segments, clientRef, acceptedAt,
                expiresAt, sendAt, reroute + 1, sealed, carrierLinkId);
    }

    /** As it goes on {@code sms.submit}: a verification text sealed, any other text as it is. */
    public AcceptedMessage sealedWith(TextSeal seal) {
        return sealed || type != MessageType.VERIFICATION ? this : withText(seal.seal(text), true);
    }

    /** With its clear text, for the service that needs it. */
    public AcceptedMessage openedWith(TextSeal seal) {
        return sealed ? withText(seal.open(text), false) : this;
    }

    private AcceptedMessage withText(String newText, boolean isSealed) {
        return new AcceptedMessage(v, messageId, appId, type, phone, newText, sourceAddr, segments, clientRef, acceptedAt,
                expiresAt, sendAt, reroute, isSealed, carrierLinkId);
    }
}
