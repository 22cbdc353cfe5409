package org.sms1069.carriersim.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TpsLimiterTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void admitsOneSecondsWorthAtOnceThenRefusesUntilTimePasses() {
        TpsLimiter limiter = new TpsLimiter(10, nanos::get);

        assertThat(IntStream.range(0, 10).allMatch(i -> limiter.tryAcquire())).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();

        nanos.addAndGet(100_000_000L); // 100 ms refills one token at 10 tps
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TpsLimiter limiter = new TpsLimiter(3, nanos::get);
        nanos.addAndGet(60_000_000_000L);

        long admitted = IntStream.range(0, 10).filter(i -> limiter.tryAcquire()).count();

        assertThat(admitted).isEqualTo(3);
    }

    @Test
    void zeroMeansUnlimited() {
        TpsLimiter limiter = new TpsLimiter(0, nanos::get);

        assertThat(IntStream.range(0, 100_000).allMatch(i -> limiter.tryAcquire())).isTrue();
    }

    @Test
    void negativeRateIsRejected() {
        assertThatThrownBy(() -> new TpsLimiter(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
