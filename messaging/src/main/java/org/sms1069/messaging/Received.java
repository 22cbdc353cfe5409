package org.sms1069.messaging;

/**
 * One record handed to a {@link ReliableConsumer.Handler}: its decoded value, where it came from, and the trace its
 * handling belongs to (to carry on where the handler's stages continue on other threads).
 */
public record Received<T>(String topic, int partition, long offset, String key, T value, RecordTrace trace) {

    /** A record without a trace. */
    public Received(String topic, int partition, long offset, String key, T value) {
        this(topic, partition, offset, key, value, RecordTrace.NONE);
    }
}
