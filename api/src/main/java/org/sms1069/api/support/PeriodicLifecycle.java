package org.sms1069.api.support;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Work every api instance repeats on a schedule while it runs: one run at a time (a tick that comes while the
 * previous run works is dropped), a failed run reported and the schedule kept.
 */
public abstract class PeriodicLifecycle implements SmartLifecycle {
    private volatile Disposable schedule;

    /** The first run comes after this. */
    protected abstract Duration initialDelay();

    protected abstract Duration period();

    /** One run. */
    protected abstract Mono<?> runOnce();

    /** A run failed; the next one comes at its time. */
    protected abstract void failed(Throwable error);

    @Override
    public void start() {
        schedule = Flux.interval(initialDelay(), period())
                .onBackpressureDrop()
                .concatMap(tick -> runOnce().then().onErrorResume(error -> {
                    failed(error);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = schedule;
        if (current != null) {
            current.dispose();
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
