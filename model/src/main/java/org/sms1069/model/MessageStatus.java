package org.sms1069.model;

/**
 * Life cycle of one message to one phone:
 * {@code ACCEPTED -> SUBMITTED -> DELIVERED | UNDELIVERED | EXPIRED}, or
 * {@code BLOCKED}, {@code REJECTED}, {@code FAILED}.
 */
public enum MessageStatus {
    ACCEPTED, SUBMITTED, DELIVERED, UNDELIVERED, EXPIRED, BLOCKED, REJECTED, FAILED;

    /** A final status is never replaced by a later event. */
    public boolean isFinal() {
        return this != ACCEPTED && this != SUBMITTED;
    }
}
