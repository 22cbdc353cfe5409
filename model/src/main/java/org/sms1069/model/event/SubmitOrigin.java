package org.sms1069.model.event;

import java.util.Optional;

/**
 * Where an accepted message lies on {@code sms.submit}: its partition and offset, written as {@code "p:offset"}.
 * The message travels in Kafka records only; whoever needs it again (a portability re-route) reads it there.
 */
public record SubmitOrigin(int partition, long offset) {

    public SubmitOrigin {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
    }

    public static Optional<SubmitOrigin> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        try {
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new SubmitOrigin(Integer.parseInt(value.substring(0, colon)),
                    Long.parseLong(value.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
