package org.sms1069.model.event;

import java.time.Instant;

/** Value on {@code sms.dead}: a record a service could not process, kept for ops. */
public record DeadLetter(int v, String service, String topic, int partition, long offset, String key, String value, String error, Instant at) {
    public static final int VERSION = 1;
}
