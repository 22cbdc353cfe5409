package org.sms1069.carriersim.stats;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulated carriers saw since start or the last {@link #reset()}, across all protocols: submits per
 * handset part (see {@link HandsetPart}), how many distinct parts they were, how many repeated a part already seen
 * (on any protocol: a part resent over another link is still a duplicate on the handset), receipts and MO sent.
 * Thread-safe; a reset while traffic flows may count a concurrent event on either side of it.
 */
public final class SimStats {
    private volatile Window window = new Window();

    /** One submit of {@code part} accepted by {@code protocol} (counted once per destination). */
    public void submitted(String protocol, HandsetPart part) {
        Window current = window;
        Tally tally = current.of(protocol);
        tally.submits.increment();
        if (current.seen.add(part)) {
            tally.distinctParts.increment();
        } else {
            tally.duplicates.increment();
        }
    }

    public void receiptsSent(String protocol, int count) {
        window.of(protocol).receiptsSent.add(count);
    }

    public void moSent(String protocol) {
        window.of(protocol).moSent.increment();
    }

    /** Starts counting afresh. */
    public void reset() {
        window = new Window();
    }

    public Snapshot snapshot() {
        Map<String, Counts> protocols = new TreeMap<>();
        window.tallies.forEach((protocol, tally) -> protocols.put(protocol, tally.counts()));
        Counts total = protocols.values().stream().reduce(Counts.ZERO, Counts::plus);
        return new Snapshot(total.submits(), total.distinctParts(), total.duplicates(), total.receiptsSent(),
                total.moSent(), protocols);
    }

    /**
     * @param submits       submits accepted, one per destination
     * @param distinctParts parts seen at least once
     * @param duplicates    submits of a part already seen: {@code submits - distinctParts}
     * @param receiptsSent  status reports the platform acknowledged
     * @param moSent        handset messages (parts) the platform acknowledged
     * @param protocols     the same by protocol; a part first seen on one protocol and repeated on another
     *                      counts as distinct on the first and duplicate on the second
     */
    public record Snapshot(long submits, long distinctParts, long duplicates, long receiptsSent, long moSent,
                           Map<String, Counts> protocols) {
    }

    public record Counts(long submits, long distinctParts, long duplicates, long receiptsSent, long moSent) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(submits + other.submits, distinctParts + other.distinctParts,
                    duplicates + other.duplicates, receiptsSent + other.receiptsSent, moSent + other.moSent);
        }
    }

    private static final class Window {
        final Set<HandsetPart> seen = ConcurrentHashMap.newKeySet();
        final Map<String, Tally> tallies = new ConcurrentHashMap<>();

        Tally of(String protocol) {
            return tallies.computeIfAbsent(protocol, p -> new Tally());
        }
    }

    private static final class Tally {
        final LongAdder submits = new LongAdder();
        final LongAdder distinctParts = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder receiptsSent = new LongAdder();
        final LongAdder moSent = new LongAdder();

        Counts counts() {
            return new Counts(submits.sum(), distinctParts.sum(), duplicates.sum(), receiptsSent.sum(), moSent.sum());
        }
    }
}
