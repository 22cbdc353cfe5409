package org.sms1069.gateway.sgip;

import org.sms1069.gateway.codec.LoginDigests;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sequence numbers of one node: its id, the Beijing time {@code MMDDHHMMSS} as a number, and a counter that
 * wraps. One source per link, shared by its connections, so that no two SUBMITs of the link (whose
 * sequences are their carrier message ids) ever carry the same triple.
 */
public final class SgipSequences implements Supplier<SgipSequence> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMddHHmmss");

    private final long nodeId;
    private final AtomicLong counter = new AtomicLong();

    public SgipSequences(long nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public SgipSequence get() {
        long time = Long.parseLong(ZonedDateTime.now(LoginDigests.GATEWAY_ZONE).format(TIME));
        return new SgipSequence(nodeId, time, counter.updateAndGet(v -> v >= 0xFFFF_FFFFL ? 0 : v + 1));
    }
}
