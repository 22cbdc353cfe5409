package org.sms1069.carriersim.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceiptSchedulerTest {
    private final ReceiptScheduler scheduler = new ReceiptScheduler("test", 1, Duration.ofMillis(10), Duration.ofMillis(300));

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void retriesUntilTheJobIsDelivered() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        scheduler.schedule(new ReceiptJob() {
            @Override
            public boolean tryDeliver() {
                if (attempts.incrementAndGet() < 3) {
                    return false;
                }
                delivered.countDown();
                return true;
            }

            @Override
            public void abandon() {
            }
        }, Duration.ofMillis(20));

        assertThat(delivered.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(attempts).hasValue(3);
        awaitNoPending();
        assertThat(scheduler.abandoned()).isZero();
    }

    @Test
    void abandonsAJobHeldLongerThanAllowed() throws InterruptedException {
        CountDownLatch abandoned = new CountDownLatch(1);
        scheduler.schedule(new ReceiptJob() {
            @Override
            public boolean tryDeliver() {
                throw new IllegalStateException("receiver keeps failing");
            }

            @Override
            public void abandon() {
                abandoned.countDown();
            }
        }, Duration.ZERO);

        assertThat(abandoned.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.abandoned()).isEqualTo(1);
        awaitNoPending();
    }

    private void awaitNoPending() throws InterruptedException {
        for (int i = 0; i < 200 && scheduler.pending() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(scheduler.pending()).isZero();
    }
}
