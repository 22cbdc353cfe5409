package org.sms1069.model;

import org.sms1069.model.json.SmsJson;

import java.util.Objects;
import java.util.function.Function;

/**
 * A Kafka topic with the type of its records and their serde (JSON), so that writing the wrong type does
 * not compile and a record that cannot be read fails in one place, as a {@link PoisonRecordException}.
 * <p>A topic may name each record's kind ({@link #withKind}): publishers then write it in the {@value #KIND_HEADER}
 * header, and a consumer that acts on a few kinds only can pass over the others without reading them.
 *
 * @param kind a record's kind, or null when the topic's records carry none
 */
public record Topic<T>(String name, Class<T> type, Function<? super T, String> kind) {
    public static final String KIND_HEADER = "sms-kind";

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> Topic<T> of(String name, Class<T> type) {
        return new Topic<>(name, type, null);
    }

    /** The same topic, its records carrying {@code kind} of their value in the {@value #KIND_HEADER} header. */
    public Topic<T> withKind(Function<? super T, String> kind) {
        return new Topic<>(name, type, Objects.requireNonNull(kind, "kind"));
    }

    /** The value's kind, or null when the topic names none. */
    public String kindOf(T value) {
        return kind == null ? null : kind.apply(value);
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
