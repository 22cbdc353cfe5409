package org.sms1069.carriersim.fault;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * An injected spell of carrier flow control: for a while, a share of submits is answered with the protocol's
 * flow-control result (CMPP 8, SGIP 88, SMGP 1, SMPP ESME_RTHROTTLED), as a congested gateway does. Shared by
 * all simulators of one carrier-sim; off until {@link #start}.
 */
public final class FlowControlFault {
    private final LongSupplier nanoClock;
    private volatile Spell spell = Spell.NONE;

    public FlowControlFault() {
        this(System::nanoTime);
    }

    FlowControlFault(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Refuses {@code ratio} (0-1) of the submits for {@code duration}, replacing any spell still running. */
    public void start(double ratio, Duration duration) {
        if (!(ratio >= 0 && ratio <= 1) || duration.isNegative()) {
            throw new IllegalArgumentException("ratio must be within 0-1 and duration not negative");
        }
        spell = new Spell(ratio, nanoClock.getAsLong() + duration.toNanos());
    }

    public void stop() {
        spell = Spell.NONE;
    }

    /** True when this submit is to be answered with flow control. */
    public boolean refuse() {
        Spell current = spell;
        return current.ratio > 0 && nanoClock.getAsLong() - current.untilNanos < 0
                && ThreadLocalRandom.current().nextDouble() < current.ratio;
    }

    private record Spell(double ratio, long untilNanos) {
        static final Spell NONE = new Spell(0, 0);
    }
}
