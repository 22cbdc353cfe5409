package org.sms1069.model.event;

import org.sms1069.model.MessageType;

import java.time.Instant;

/**
 * Value on {@code sms.submit}: one accepted message to one phone, key = phone.
 *
 * @param text       the full text as the phone shows it, signature included
 * @param sourceAddr the 1069 number with the app's extension appended
 * @param expiresAt  validity: after this the message is not submitted any more
 * @param sendAt     a scheduled send: not submitted before this time; null means at once
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
        Instant sendAt) {

    public static final int VERSION = 1;
}
