package org.sms1069.model.event;

import org.sms1069.model.MessageType;

import java.time.Instant;

/**
 * Value on {@code sms.submit}: one accepted message to one phone, key = phone.
 *
 * @param text       the full text as the phone shows it, signature included
 * @param sourceAddr the 1069 number with the app's extension appended
 * @param expiresAt  validity: after this the message is not submitted any more
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
        Instant expiresAt) {

    public static final int VERSION = 1;
}
