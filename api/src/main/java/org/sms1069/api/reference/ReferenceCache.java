package org.sms1069.api.reference;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reference data of the request path (API keys, apps, signatures, templates, unsubscribes, suspensions,
 * the filter's allow-list) kept in
 * this instance, so that a send reads none of it from PostgreSQL in the steady state.
 *
 * <p>Entries are trusted only while the change channel is live: {@link ReferenceChanges} evicts what
 * other instances (or anyone writing the tables) changed and calls {@link #signal()} for every
 * notification it receives, heartbeats included. Without a signal for {@code staleAfter} the channel
 * may have lost notifications: the cache is emptied and every read goes to the database until the
 * channel is back. Entries also expire after {@code maxAge}, as a last resort.
 *
 * <p>An entry is in the map before its load starts, so an eviction that arrives while the row is being
 * read removes the entry and the next read loads again: a value read before a change is never kept
 * after that change's eviction. Absent values are not kept (a stranger's random key ids must not fill
 * the memory), nor are failed loads.
 */
public final class ReferenceCache {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration staleAfter;
    private final Duration maxAge;
    private final LongSupplier nanoClock;
    private volatile long lastSignal;
    private volatile boolean signalled;

    public ReferenceCache(Duration staleAfter, Duration maxAge) {
        this(staleAfter, maxAge, System::nanoTime);
    }

    ReferenceCache(Duration staleAfter, Duration maxAge, LongSupplier nanoClock) {
        this.staleAfter = staleAfter;
        this.maxAge = maxAge;
        this.nanoClock = nanoClock;
    }

    private record Entry(Mono<Optional<Object>> value, long loadedAt) {
    }

    /** The cached value of {@code key}, or what {@code loader} answers (kept if present and the channel is live). */
    @SuppressWarnings("unchecked")
    public <T> Mono<T> get(String key, Supplier<Mono<T>> loader) {
        long now = nanoClock.getAsLong();
        if (!live(now)) {
            entries.clear();
            return Mono.defer(loader);
        }
        Entry entry = entries.compute(key, (k, current) ->
                current != null && now - current.loadedAt() < maxAge.toNanos() ? current : load(k, loader, now));
        return entry.value().flatMap(value -> Mono.justOrEmpty((Optional<T>) value));
    }

    private <T> Entry load(String key, Supplier<Mono<T>> loader, long now) {
        AtomicReference<Entry> self = new AtomicReference<>();
        Mono<Optional<Object>> value = Mono.defer(loader).map(loaded -> Optional.<Object>of(loaded))
                .defaultIfEmpty(Optional.empty())
                .doOnNext(loaded -> {
                    if (loaded.isEmpty()) {
                        entries.remove(key, self.get());
                    }
                })
                .doOnError(error -> entries.remove(key, self.get()))
                .cache();
        self.set(new Entry(value, now));
        return self.get();
    }

    /** Forgets the given keys (a change notification, or a change this instance made). */
    public void evict(Iterable<String> keys) {
        keys.forEach(entries::remove);
    }

    public void evict(String key) {
        entries.remove(key);
    }

    /** Forgets everything: the channel was (re)connected and may have missed changes. */
    public void clear() {
        entries.clear();
    }

    /** The change channel delivered something (a change or a heartbeat): it is live now. */
    public void signal() {
        lastSignal = nanoClock.getAsLong();
        signalled = true;
    }

    /** The channel is down: from now on every read goes to the database until the next signal. */
    public void lost() {
        signalled = false;
        entries.clear();
    }

    public boolean live() {
        return live(nanoClock.getAsLong());
    }

    private boolean live(long now) {
        return signalled && now - lastSignal < staleAfter.toNanos();
    }

    int size() {
        return entries.size();
    }
}
