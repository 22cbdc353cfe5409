package org.sms1069.gateway.pace;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The pacer's promise is in its answers: each reservation starts one interval after the one before.
 * Every bound is derived from clock readings taken around the calls, so a slow or busy machine
 * cannot fail these tests; nothing here asserts speed.
 */
class TpsPacerTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aBurstOfReservationsIsSpacedOneIntervalApart() {
        int tps = 50;
        long interval = SECOND / tps;
        TpsPacer pacer = new TpsPacer(tps);

        int n = 20;
        long[] wait = new long[n];
        long[] calledAt = new long[n];
        long[] returnedAt = new long[n];
        for (int i = 0; i < n; i++) {
            calledAt[i] = System.nanoTime();
            wait[i] = pacer.reserve();
            returnedAt[i] = System.nanoTime();
        }

        assertThat(wait[0]).as("the first slot is free at once").isZero();
        for (int i = 1; i < n; i++) {
            // slot i = (the pacer's "now" during call i) + wait i, and that "now" lies within the call
            long earliestGap = (calledAt[i] + wait[i]) - (returnedAt[0] + wait[0]);
            long latestGap = (returnedAt[i] + wait[i]) - (calledAt[0] + wait[0]);
            assertThat(i * interval).as("slot %d is %d intervals after slot 0", i, i).isBetween(earliestGap, latestGap);
        }
    }

    @Test
    void anInstanceHoldingOneOfThreeSlotsPacesToAThirdOfTheRate() {
        TpsPacer pacer = new TpsPacer(300);
        pacer.share(1, 3);

        long before = System.nanoTime();
        long first = pacer.reserve();
        long second = pacer.reserve();
        long elapsed = System.nanoTime() - before;

        assertThat(first).isZero();
        assertThat(second).as("one interval of 100 per second").isBetween(SECOND / 100 - elapsed, SECOND / 100);
        pacer.share(3, 3);
        long third = pacer.reserve();
        long fourth = pacer.reserve();
        assertThat(fourth - third).as("all slots: the full rate again").isBetween(SECOND / 300 - (System.nanoTime() - before), SECOND / 300);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws InterruptedException {
        long interval = SECOND / 100;
        TpsPacer pacer = new TpsPacer(100);

        TimeUnit.MILLISECONDS.sleep(50);
        long before = System.nanoTime();
        long first = pacer.reserve();
        long second = pacer.reserve();
        long elapsed = System.nanoTime() - before;

        assertThat(first).isZero();
        assertThat(second).as("the second waits a full interval after the first").isBetween(interval - elapsed, interval);
    }

    @Test
    void acquireReturnsNoEarlierThanItsSlot() throws InterruptedException {
        long interval = SECOND / 20;
        TpsPacer pacer = new TpsPacer(20);
        long before = System.nanoTime();
        pacer.reserve();

        pacer.acquire();

        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(before + interval);
    }

    @Test
    void rateMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TpsPacer(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new TpsPacer(-5));
    }
}
