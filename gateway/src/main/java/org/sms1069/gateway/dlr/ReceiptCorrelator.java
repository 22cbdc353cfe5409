package org.sms1069.gateway.dlr;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.model.json.SmsJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Matches receipts to submitted parts through Redis, with a TTL (default 72 h), per carrier account.
 * <p>A receipt may overtake the submit response that tells us the carrier's id (the carrier sends
 * both at once, we process them on different threads). A receipt that matches nothing is parked as
 * an orphan; registering the submit later picks it up. Orphans nobody claims stay listed under
 * {@value #UNMATCHED_LIST} for inspection and are counted.
 */
public final class ReceiptCorrelator {
    public static final String UNMATCHED_LIST = "sms:dlr:unmatched";
    private static final int UNMATCHED_KEPT = 10_000;

    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;
    private final MeterRegistry meters;

    public ReceiptCorrelator(RedisAsyncCommands<String, String> redis, Duration ttl, MeterRegistry meters) {
        this.redis = redis;
        this.ttl = ttl;
        this.meters = meters;
    }

    /** Remembers the part; completes with a receipt that arrived before it, if one did. */
    public CompletionStage<Optional<Receipt>> register(String scope, Correlation correlation) {
        String value = new String(SmsJson.write(correlation), StandardCharsets.UTF_8);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (String key : CarrierIds.keys(correlation.carrierMessageId())) {
            writes.add(redis.set(correlationKey(scope, key), value, SetArgs.Builder.ex(ttl)).toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> claimOrphan(scope, List.copyOf(CarrierIds.keys(correlation.carrierMessageId())), 0));
    }

    /** The part a receipt is about; empty when none is known yet (the receipt is then parked). */
    public CompletionStage<Optional<Correlation>> match(Receipt receipt) {
        List<String> keys = List.copyOf(CarrierIds.keys(receipt.carrierMessageId()));
        return lookup(receipt.scope(), keys, 0).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(found);
            }
            return park(receipt, keys).thenApply(ignored -> Optional.<Correlation>empty());
        });
    }

    private CompletionStage<Optional<Correlation>> lookup(String scope, List<String> keys, int index) {
        if (index >= keys.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return redis.get(correlationKey(scope, keys.get(index))).thenCompose(json -> json != null
                ? CompletableFuture.completedFuture(Optional.of(SmsJson.read(json.getBytes(StandardCharsets.UTF_8), Correlation.class)))
                : lookup(scope, keys, index + 1));
    }

    private CompletionStage<Void> park(Receipt receipt, List<String> keys) {
        meters.counter("sms_receipts_unmatched_total", "link", receipt.linkId()).increment();
        String value = new String(SmsJson.write(receipt), StandardCharsets.UTF_8);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (String key : keys) {
            writes.add(redis.set(orphanKey(receipt.scope(), key), value, SetArgs.Builder.ex(ttl)).toCompletableFuture());
        }
        writes.add(redis.lpush(UNMATCHED_LIST, value).thenCompose(n -> redis.ltrim(UNMATCHED_LIST, 0, UNMATCHED_KEPT - 1)).toCompletableFuture());
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private CompletionStage<Optional<Receipt>> claimOrphan(String scope, List<String> keys, int index) {
        if (index >= keys.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return redis.getdel(orphanKey(scope, keys.get(index))).thenCompose(json -> {
            if (json == null) {
                return claimOrphan(scope, keys, index + 1);
            }
            meters.counter("sms_receipts_early_total").increment();
            return CompletableFuture.completedFuture(Optional.of(SmsJson.read(json.getBytes(StandardCharsets.UTF_8), Receipt.class)));
        });
    }

    private static String correlationKey(String scope, String idKey) {
        return "sms:dlr:" + scope + ":" + idKey;
    }

    private static String orphanKey(String scope, String idKey) {
        return "sms:dlr-early:" + scope + ":" + idKey;
    }
}
