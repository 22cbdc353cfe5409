package org.sms1069.carriersim.smpp;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out unique message ids: a counter that starts at a random (or seeded) point, so ids
 * look like a real SMSC's and never repeat within one simulator run.
 */
final class MessageIdGenerator {
    private static final long HEX_SPACE = 1L << 40; // ten hex digits
    private static final long DECIMAL_FLOOR = 1_000_000_000_000_000L; // sixteen digits

    private final MessageIdFormat format;
    private final AtomicLong counter;

    MessageIdGenerator(MessageIdFormat format, Long seed) {
        this.format = format;
        Random random = seed == null ? new Random() : new Random(seed);
        long start = switch (format) {
            case HEX -> random.nextLong(HEX_SPACE / 2);
            case DECIMAL -> DECIMAL_FLOOR + random.nextLong(DECIMAL_FLOOR);
        };
        this.counter = new AtomicLong(start);
    }

    String next() {
        long value = counter.getAndIncrement();
        return switch (format) {
            case HEX -> String.format("%010X", value % HEX_SPACE);
            case DECIMAL -> Long.toString(value);
        };
    }
}
