package org.sms1069.api.store;

import org.sms1069.api.store.MessageStore.StoredMessage;
import org.sms1069.model.event.StatusEvent;

/**
 * A status event that changed a message's status as its app sees it: the message right after the event, and
 * whether the app takes callbacks (has a callback URL).
 */
public record StatusChange(StoredMessage message, StatusEvent event, boolean callsBack) {
}
