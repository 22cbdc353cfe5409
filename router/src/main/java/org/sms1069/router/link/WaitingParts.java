package org.sms1069.router.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts this instance is holding because their carrier has no healthy link, for the gauge
 * {@code sms_router_waiting_messages}. A held part is looked at again every recheck interval, so an
 * entry not seen for a few intervals has left (sent, or taken over by another instance).
 */
public final class WaitingParts {
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Duration staleAfter;
    private final Clock clock;

    public WaitingParts(Duration recheck, Clock clock) {
        this.staleAfter = recheck.multipliedBy(3).plusSeconds(5);
        this.clock = clock;
    }

    void waiting(String dedupKey) {
        lastSeen.put(dedupKey, clock.instant());
    }

    void released(String dedupKey) {
        lastSeen.remove(dedupKey);
    }

    public int count() {
        Instant stale = clock.instant().minus(staleAfter);
        lastSeen.values().removeIf(seen -> seen.isBefore(stale));
        return lastSeen.size();
    }
}
