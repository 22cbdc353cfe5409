package org.sms1069.router.resolve;

import io.lettuce.core.api.async.RedisAsyncCommands;
import org.sms1069.messaging.Coalescer;
import org.sms1069.model.Carrier;
import org.sms1069.model.phone.PhoneNumber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Number portability overrides in Redis: {@code sms:np:<phone>} holds the carrier that serves a
 * mainland number today when it is not the carrier of its segment. No TTL: a port lasts until the
 * next bulk load or learned port replaces it. Lookups made together (the records of one poll) are one
 * {@code MGET}.
 */
public final class PortabilityOverrides {
    public static final String KEY_PREFIX = "sms:np:";
    private static final int CHUNK = 1_000;
    private static final Duration LINGER = Duration.ofMillis(1);

    private final RedisAsyncCommands<String, String> redis;
    private final Coalescer<String, Optional<String>> lookups;

    public PortabilityOverrides(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
        this.lookups = new Coalescer<>(this::lookup, CHUNK, LINGER);
    }

    /** The stored value as it is, valid or not. */
    public CompletionStage<Optional<String>> raw(PhoneNumber phone) {
        return lookups.submit(KEY_PREFIX + phone.value());
    }

    private CompletionStage<List<Optional<String>>> lookup(List<String> keys) {
        return redis.mget(keys.toArray(String[]::new)).thenApply(values -> values.stream()
                .map(value -> value.optional()).toList());
    }

    public CompletionStage<Void> set(PhoneNumber phone, Carrier carrier) {
        return redis.set(KEY_PREFIX + phone.value(), carrier.name()).thenApply(ok -> null);
    }

    public CompletionStage<Boolean> remove(PhoneNumber phone) {
        return redis.del(KEY_PREFIX + phone.value()).thenApply(n -> n > 0);
    }

    /** Writes many overrides in MSET chunks; completes when all are stored. */
    public CompletionStage<Integer> setAll(Map<String, Carrier> byPhone) {
        List<CompletableFuture<String>> writes = new ArrayList<>();
        Map<String, String> chunk = new LinkedHashMap<>();
        for (var entry : byPhone.entrySet()) {
            chunk.put(KEY_PREFIX + entry.getKey(), entry.getValue().name());
            if (chunk.size() == CHUNK) {
                writes.add(redis.mset(chunk).toCompletableFuture());
                chunk = new LinkedHashMap<>();
            }
        }
        if (!chunk.isEmpty()) {
            writes.add(redis.mset(chunk).toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done -> byPhone.size());
    }

    /** A carrier a mainland number can be ported to: CMCC, CUCC, CTCC or CBN, any case. */
    public static Optional<Carrier> parseCarrier(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            Carrier carrier = Carrier.valueOf(value.strip().toUpperCase(Locale.ROOT));
            return carrier == Carrier.INTL ? Optional.empty() : Optional.of(carrier);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
