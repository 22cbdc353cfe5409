package org.sms1069.api.deadletters;

import org.sms1069.model.event.DeadLetter;

/** A dead letter where it lies on {@code sms.dead}: that topic's partition and offset, and the letter. */
public record StoredLetter(int partition, long offset, DeadLetter letter) {
}
