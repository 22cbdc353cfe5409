package org.sms1069.gateway.link;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.model.retry.Backoff;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconnectorTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void failedLoginsAreRetriedUntilOneSucceeds() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        Semaphore loggedIn = new Semaphore(0);
        Reconnector reconnector = new Reconnector("test-link", Reconnector.blocking(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            loggedIn.release();
        }), FAST, scheduler);

        reconnector.start();

        assertThat(loggedIn.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        settle();
        assertThat(attempts).as("no attempt after the successful one").hasValue(3);
    }

    @Test
    void lostConnectionIsConnectedAgain() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        Reconnector reconnector = new Reconnector("test-link", Reconnector.blocking(attempts::incrementAndGet), FAST, scheduler);

        reconnector.start();
        await().atMost(WAIT).untilAtomic(attempts, org.hamcrest.Matchers.equalTo(1));
        reconnector.connectionLost();

        await().atMost(WAIT).untilAtomic(attempts, org.hamcrest.Matchers.equalTo(2));
        settle();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void stopEndsTheAttempts() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        Reconnector reconnector = new Reconnector("test-link", Reconnector.blocking(() -> {
            attempts.incrementAndGet();
            throw new IOException("connection refused");
        }), FAST, scheduler);

        reconnector.start();
        await().atMost(WAIT).untilAtomic(attempts, org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        reconnector.stop();
        int atStop = attempts.get();

        settle();
        assertThat(attempts.get()).as("at most the attempt already running when stop() came").isBetween(atStop, atStop + 1);
        reconnector.start();
        reconnector.connectionLost();
        settle();
        assertThat(attempts.get()).as("a stopped reconnector stays stopped").isBetween(atStop, atStop + 1);
    }

    @Test
    void requestsWhileAnAttemptIsPendingDoNotDoubleTheAttempts() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        Reconnector reconnector = new Reconnector("test-link", Reconnector.blocking(attempts::incrementAndGet), FAST, scheduler);
        CountDownLatch busy = new CountDownLatch(1);
        scheduler.execute(() -> awaitQuietly(busy));

        // all three arrive while the first attempt is still queued behind the busy scheduler
        reconnector.start();
        reconnector.start();
        reconnector.connectionLost();
        busy.countDown();

        await().atMost(WAIT).untilAtomic(attempts, org.hamcrest.Matchers.equalTo(1));
        settle();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anAttemptWaitingForItsCarrierHoldsNoSchedulerThread() throws InterruptedException {
        CompletableFuture<Void> silentCarrier = new CompletableFuture<>();
        Reconnector hanging = new Reconnector("silent-link", () -> silentCarrier, FAST, scheduler);
        Semaphore otherLoggedIn = new Semaphore(0);
        Reconnector other = new Reconnector("other-link", () -> {
            otherLoggedIn.release();
            return CompletableFuture.completedFuture(null);
        }, FAST, scheduler);

        hanging.start();
        other.start();

        assertThat(otherLoggedIn.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the single scheduler thread is free while the first attempt waits").isTrue();
        silentCarrier.completeExceptionally(new IOException("login timed out"));
    }

    @Test
    void aFailedAsynchronousAttemptIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Reconnector reconnector = new Reconnector("test-link", () -> attempts.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new IOException("refused"))
                : CompletableFuture.completedFuture(null), FAST, scheduler);

        reconnector.start();

        await().atMost(WAIT).untilAtomic(attempts, org.hamcrest.Matchers.equalTo(3));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Long enough for several back-off periods to pass (the back-off is at most 20 ms). */
    private static void settle() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(300);
    }
}
