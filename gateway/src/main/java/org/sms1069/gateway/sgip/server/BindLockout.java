package org.sms1069.gateway.sgip.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refused BINDs per source address: after the n-th refusal in a row the address is locked out for
 * {@code initial × 2^(n-1)}, at most {@code max}; a successful BIND forgets it. Only allowed source addresses ever
 * reach a BIND, so the map stays small; entries whose lockout ended long ago are dropped.
 */
final class BindLockout {
    private static final int PRUNE_ABOVE = 1024;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    BindLockout(Duration initial, Duration max, Clock clock) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    boolean locked(String address) {
        Failures failures = byAddress.get(address);
        return failures != null && clock.instant().isBefore(failures.lockedUntil());
    }

    /** Counts a refused BIND; answers how long the address is now locked out. */
    Duration failed(String address) {
        Instant now = clock.instant();
        Failures next = byAddress.compute(address, (key, previous) -> {
            int count = previous == null ? 1 : previous.count() + 1;
            return new Failures(count, now.plus(lockout(count)));
        });
        if (byAddress.size() > PRUNE_ABOVE) {
            byAddress.values().removeIf(f -> f.lockedUntil().plus(max).isBefore(now));
        }
        return Duration.between(now, next.lockedUntil());
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    private Duration lockout(int count) {
        int doublings = Math.min(count - 1, 40);
        Duration lockout = initial.multipliedBy(1L << Math.min(doublings, 30));
        return lockout.compareTo(max) > 0 || doublings >= 30 ? max : lockout;
    }
}
