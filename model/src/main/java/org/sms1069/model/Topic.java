package org.sms1069.model;

import org.sms1069.model.json.SmsJson;

import java.util.Objects;

/**
 * A Kafka topic with the type of its records and their serde (JSON), so that writing the wrong type does
 * not compile and a record that cannot be read fails in one place, as a {@link PoisonRecordException}.
 */
public record Topic<T>(String name, Class<T> type) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> Topic<T> of(String name, Class<T> type) {
        return new Topic<>(name, type);
    }

    public byte[] encode(T value) {
        return SmsJson.write(value);
    }

    /** @throws PoisonRecordException when the bytes are not a {@code T} (no retry can change that) */
    public T decode(byte[] value) {
        if (value == null) {
            throw new PoisonRecordException("empty record on " + name);
        }
        try {
            return SmsJson.read(value, type);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("unreadable record on " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
