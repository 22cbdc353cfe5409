package org.sms1069.gateway.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Hands each receipt and MO of one link on once. A carrier sends a DELIVER again when our answer to it got lost
 * (CMPP resends after 60 s, up to 3 times), or when we answered with a temporary failure because it could not be
 * kept. A receipt is known by its id, phone and stat, an MO by its {@link MoPart#repeatKey()}: the carrier's id of its
 * DELIVER, or on SMPP, which has none, a digest of what it says (an MO without either always passes). A DELIVER
 * counts as seen only once it was kept: a copy arriving while the first is still being
 * kept shares the first one's outcome (and answer), a copy after a failed attempt is handed on again. Remembers
 * {@code retention} back, {@code capacity} entries at most, in memory: a copy arriving after a gateway restart
 * passes, and the status store ignores a repeated receipt anyway.
 */
public final class RepeatedDeliverFilter implements InboundSink {
    public static final Duration RETENTION = Duration.ofMinutes(10);
    public static final int CAPACITY = 100_000;

    private final InboundSink next;
    private final Counter repeated;
    private final Clock clock;
    private final Duration retention;
    private final int capacity;
    /** Kept or being kept, oldest first; a failed attempt is taken out again. */
    private final Map<String, Attempt> attempts = new LinkedHashMap<>();

    private record Attempt(CompletableFuture<Void> kept, Instant at) {
    }

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
    public CompletionStage<Void> onReceipt(Receipt receipt) {
        return once("R " + receipt.carrierMessageId() + " " + receipt.phone() + " " + receipt.stat(),
                () -> next.onReceipt(receipt));
    }

    @Override
    public CompletionStage<Void> onMo(MoPart part) {
        String key = part.repeatKey();
        return key == null ? next.onMo(part) : once("M " + key, () -> next.onMo(part));
    }

    private CompletionStage<Void> once(String key, Supplier<CompletionStage<Void>> handOn) {
        Attempt mine = new Attempt(new CompletableFuture<>(), clock.instant());
        Attempt earlier = claim(key, mine);
        if (earlier != null) {
            repeated.increment();
            return earlier.kept().copy();
        }
        CompletionStage<Void> kept;
        try {
            kept = handOn.get();
        } catch (RuntimeException e) {
            kept = CompletableFuture.failedFuture(e);
        }
        kept.whenComplete((done, error) -> {
            if (error != null) {
                forget(key, mine); // before completing: the resend that this failure asks for must pass
                mine.kept().completeExceptionally(error);
            } else {
                mine.kept().complete(null);
            }
        });
        return mine.kept().copy();
    }

    /** The earlier attempt at this key, or null after registering {@code mine}. Called from all the link's threads. */
    private synchronized Attempt claim(String key, Attempt mine) {
        forgetOld(mine.at());
        return attempts.putIfAbsent(key, mine);
    }

    private synchronized void forget(String key, Attempt attempt) {
        attempts.remove(key, attempt);
    }

    private void forgetOld(Instant now) {
        Instant horizon = now.minus(retention);
        Iterator<Attempt> oldestFirst = attempts.values().iterator();
        while (oldestFirst.hasNext()) {
            Attempt attempt = oldestFirst.next();
            if (attempts.size() < capacity && attempt.at().isAfter(horizon)) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
