package org.sms1069.gateway.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.gateway.dlr.Receipt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands each receipt and MO of one link on once. A carrier sends a DELIVER again when our answer to it got lost
 * (CMPP resends after 60 s, up to 3 times); the link answers the copy as usual, and this keeps it from reaching
 * the app twice. A receipt is known by its id, phone and stat, an MO by the carrier's id of its DELIVER (an MO
 * without one always passes). Remembers {@code retention} back, {@code capacity} entries at most, in memory:
 * a copy arriving after a gateway restart passes, and the status store ignores a repeated receipt anyway.
 */
public final class RepeatedDeliverFilter implements InboundSink {
    public static final Duration RETENTION = Duration.ofMinutes(10);
    public static final int CAPACITY = 100_000;

    private final InboundSink next;
    private final Counter repeated;
    private final Clock clock;
    private final Duration retention;
    private final int capacity;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    public RepeatedDeliverFilter(InboundSink next, MeterRegistry meters, String linkId, Clock clock, Duration retention,
                                 int capacity) {
        this.next = next;
        this.repeated = meters.counter("sms_link_inbound_repeated_total", "link", linkId);
        this.clock = clock;
        this.retention = retention;
        this.capacity = capacity;
    }

    public static RepeatedDeliverFilter of(InboundSink next, MeterRegistry meters, String linkId) {
        return new RepeatedDeliverFilter(next, meters, linkId, Clock.systemUTC(), RETENTION, CAPACITY);
    }

    @Override
    public void onReceipt(Receipt receipt) {
        if (firstTime("R " + receipt.carrierMessageId() + " " + receipt.phone() + " " + receipt.stat())) {
            next.onReceipt(receipt);
        }
    }

    @Override
    public void onMo(MoPart part) {
        String carrierId = part.message().carrierMessageId();
        if (carrierId == null || firstTime("M " + carrierId)) {
            next.onMo(part);
        }
    }

    @Override
    public void onConnectionsChanged(String linkId) {
        next.onConnectionsChanged(linkId);
    }

    /** Called from the event loops of all the link's connections. */
    private synchronized boolean firstTime(String key) {
        Instant now = clock.instant();
        forgetOld(now);
        if (seen.putIfAbsent(key, now) == null) {
            return true;
        }
        repeated.increment();
        return false;
    }

    private void forgetOld(Instant now) {
        Instant horizon = now.minus(retention);
        Iterator<Instant> oldestFirst = seen.values().iterator();
        while (oldestFirst.hasNext()) {
            Instant at = oldestFirst.next();
            if (seen.size() < capacity && at.isAfter(horizon)) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
