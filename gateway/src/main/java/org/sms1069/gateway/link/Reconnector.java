package org.sms1069.gateway.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.model.retry.Backoff;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one connection logged in: tries to connect, and after a failure or a lost connection tries
 * again with exponential back-off and jitter. The attempt count resets once a login succeeds.
 * Protocol-independent; the connection supplies only {@link Connect}. An attempt runs asynchronously,
 * so a carrier that never answers holds no thread of the shared scheduler for its timeouts.
 */
public final class Reconnector {
    private static final Logger log = LoggerFactory.getLogger(Reconnector.class);

    /** One attempt to connect and log in; the stage fails when it does. */
    @FunctionalInterface
    public interface Connect {
        CompletionStage<?> attempt();
    }

    /** An attempt of a client library that only blocks (jsmpp); throws when it fails. */
    @FunctionalInterface
    public interface BlockingConnect {
        void attempt() throws Exception;
    }

    /** Runs a blocking attempt on the scheduler's thread. */
    public static Connect blocking(BlockingConnect connect) {
        return () -> {
            try {
                connect.attempt();
                return CompletableFuture.completedFuture(null);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    private final String name;
    private final Connect connect;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean stopped;

    public Reconnector(String name, Connect connect, Backoff backoff, ScheduledExecutorService scheduler) {
        this.name = name;
        this.connect = connect;
        this.backoff = backoff;
        this.scheduler = scheduler;
    }

    public void start() {
        schedule(Duration.ZERO);
    }

    /** The connection dropped: connect again after the back-off. */
    public void connectionLost() {
        schedule(backoff.delay(Math.max(1, failures.get())));
    }

    public void stop() {
        stopped = true;
    }

    private void schedule(Duration delay) {
        if (stopped || !scheduled.compareAndSet(false, true)) {
            return;
        }
        scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        scheduled.set(false);
        if (stopped) {
            return;
        }
        CompletionStage<?> attempt;
        try {
            attempt = connect.attempt();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((ok, error) -> {
            if (error == null) {
                failures.set(0);
                log.info("{} logged in", name);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            int n = failures.incrementAndGet();
            Duration wait = backoff.delay(n);
            log.warn("{} cannot log in (attempt {}), next try in {} ms: {}", name, n, wait.toMillis(), cause.toString());
            schedule(wait);
        });
    }
}
