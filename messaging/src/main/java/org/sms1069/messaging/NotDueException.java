package org.sms1069.messaging;

import java.time.Instant;
import java.util.Objects;

/**
 * A handler's answer for a record that must not be processed before {@link #due()} (a retry's
 * not-before time, a scheduled send). {@link ReliableConsumer} rewinds the partition to the record
 * and pauses it until then, instead of holding a thread or the whole consumer.
 */
public final class NotDueException extends RuntimeException {
    private final transient Instant due;

    public NotDueException(Instant due) {
        super("not due until " + due, null, false, false);
        this.due = Objects.requireNonNull(due, "due");
    }

    public Instant due() {
        return due;
    }
}
