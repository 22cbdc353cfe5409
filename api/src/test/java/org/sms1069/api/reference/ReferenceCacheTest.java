package org.sms1069.api.reference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** When the cache may answer from memory and when it must read again. */
class ReferenceCacheTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ReferenceCache cache = new ReferenceCache(Duration.ofMillis(1500), Duration.ofMinutes(10), nanos::get);
    private final AtomicInteger loads = new AtomicInteger();

    private String read(String key) {
        return cache.get(key, () -> Mono.fromSupplier(() -> "value " + loads.incrementAndGet())).block();
    }

    @Test
    void aLiveChannelLetsEntriesBeReadOnce() {
        cache.signal();

        assertThat(read("app:a")).isEqualTo("value 1");
        assertThat(read("app:a")).isEqualTo("value 1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void anEvictedEntryIsReadAgain() {
        cache.signal();
        read("app:a");

        cache.evict(List.of("app:a"));

        assertThat(read("app:a")).isEqualTo("value 2");
    }

    @Test
    void withoutASignalForStaleAfterEveryReadGoesToTheDatabase() {
        cache.signal();
        read("key:k");
        nanos.addAndGet(Duration.ofMillis(1500).toNanos());

        assertThat(read("key:k")).isEqualTo("value 2");
        assertThat(read("key:k")).isEqualTo("value 3");

        cache.signal();
        assertThat(read("key:k")).as("the entry read while the channel was silent was not kept").isEqualTo("value 4");
        assertThat(read("key:k")).isEqualTo("value 4");
    }

    @Test
    void aLostChannelEmptiesTheCacheAtOnce() {
        cache.signal();
        read("key:k");

        cache.lost();

        assertThat(read("key:k")).isEqualTo("value 2");
        assertThat(cache.size()).isZero();
    }

    @Test
    void absentValuesAndFailuresAreNotKept() {
        cache.signal();
        AtomicInteger misses = new AtomicInteger();

        cache.get("key:stranger", () -> Mono.fromRunnable(misses::incrementAndGet)).block();
        cache.get("key:stranger", () -> Mono.fromRunnable(misses::incrementAndGet)).block();

        assertThat(misses).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void entriesExpireAfterMaxAgeEvenWithALiveChannel() {
        cache.signal();
        read("app:a");
        nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        cache.signal();

        assertThat(read("app:a")).isEqualTo("value 2");
    }
}
