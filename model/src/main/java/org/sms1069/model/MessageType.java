package org.sms1069.model;

/** What a 1069 number may carry; anything else is blocked. */
public enum MessageType {
    VERIFICATION, NOTIFICATION, REMINDER, PUBLIC_WELFARE
}
