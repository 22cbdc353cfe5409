package org.sms1069.wire.sgip;

import org.sms1069.wire.codec.LoginDigests;

import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sequence numbers of one node: its id, the Beijing time {@code MMDDHHMMSS} as a number, and a counter that
 * wraps. One source per link, shared by its connections, so that no two SUBMITs of the link (whose
 * sequences are their carrier message ids) ever carry the same triple.
 * <p>The counter starts at a random value: two gateway instances with the same node id, or one restarted within
 * the same second, would otherwise both count from 1 and send the same (node, time, counter) triples, which the
 * SMG takes for duplicates and whose reports cross. Two instances collide only if their counters come within
 * one second's submits of each other, about one chance in 4 million per pair at 1000 submits/s.
 */
public final class SgipSequences implements Supplier<SgipSequence> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long COUNTER_MAX = 0xFFFF_FFFFL;

    private final long nodeId;
    private final AtomicLong counter;

    public SgipSequences(long nodeId) {
        this(nodeId, RANDOM.nextLong(COUNTER_MAX + 1));
    }

    /** A source whose first counter follows {@code start}; tests only. */
    SgipSequences(long nodeId, long start) {
        this.nodeId = nodeId;
        this.counter = new AtomicLong(start);
    }

    @Override
    public SgipSequence get() {
        long time = Long.parseLong(ZonedDateTime.now(LoginDigests.GATEWAY_ZONE).format(TIME));
        return new SgipSequence(nodeId, time, counter.updateAndGet(v -> v >= COUNTER_MAX ? 0 : v + 1));
    }
}
