package org.sms1069.client;

/** What a 1069 number may carry. */
public enum MessageType {
    VERIFICATION, NOTIFICATION, REMINDER, PUBLIC_WELFARE
}
