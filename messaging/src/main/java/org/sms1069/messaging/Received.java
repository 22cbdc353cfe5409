package org.sms1069.messaging;

/** One record handed to a {@link ReliableConsumer.Handler}: its decoded value and where it came from. */
public record Received<T>(String topic, int partition, long offset, String key, T value) {
}
