package org.sms1069.gateway.dlr;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.model.json.SmsJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Matches receipts to submitted parts through Redis, with a TTL (default 72 h), per carrier account, by the
 * carrier's id and the recipient's phone (SGIP and SMGP give all recipients of a submit one id), and by the
 * id alone where it names one recipient (for receipts that print no phone).
 * <p>A receipt may overtake the submit response that tells us the carrier's id (the carrier sends
 * both at once, we process them on different threads). A receipt that matches nothing is parked as
 * an orphan; registering the submit later picks it up and takes it off the list. Orphans nobody
 * claims stay listed under {@value #UNMATCHED_LIST} for inspection and are counted.
 */
public final class ReceiptCorrelator {
    public static final String UNMATCHED_LIST = "sms:dlr:unmatched";
    private static final int UNMATCHED_KEPT = 10_000;

    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;
    private final MeterRegistry meters;
    private final UnansweredSubmits unanswered;

    public ReceiptCorrelator(RedisAsyncCommands<String, String> redis, Duration ttl, MeterRegistry meters) {
        this.redis = redis;
        this.ttl = ttl;
        this.meters = meters;
        this.unanswered = new UnansweredSubmits(redis, ttl);
    }

    /** Remembers a part whose submit got no answer, so that its receipt, which matches no id, finds it by the phone. */
    public CompletionStage<Void> registerUnanswered(String scope, Correlation correlation) {
        return unanswered.add(scope, correlation);
    }

    /**
     * Remembers the part; completes with a receipt that arrived before it, if one did. {@code sharedId}: the
     * carrier gave one id to all recipients of the submit, so only the id together with the phone finds the part.
     */
    public CompletionStage<Optional<Receipt>> register(String scope, Correlation correlation, boolean sharedId) {
        String value = new String(SmsJson.write(correlation), StandardCharsets.UTF_8);
        Set<String> found = new LinkedHashSet<>(CarrierIds.keys(correlation.carrierMessageId(), correlation.phone()));
        if (!sharedId) {
            found.addAll(CarrierIds.keys(correlation.carrierMessageId()));
        }
        List<String> keys = List.copyOf(found);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (String key : keys) {
            writes.add(redis.set(correlationKey(scope, key), value, SetArgs.Builder.ex(ttl)).toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> findOrphan(scope, keys, 0))
                .thenCompose(orphan -> {
                    if (orphan.isEmpty()) {
                        return CompletableFuture.completedFuture(Optional.<Receipt>empty());
                    }
                    Receipt receipt = SmsJson.read(orphan.get().getBytes(StandardCharsets.UTF_8), Receipt.class);
                    return claim(scope, receipt).thenApply(won -> {
                        if (!won) {
                            return Optional.<Receipt>empty();
                        }
                        meters.counter("sms_receipts_early_total").increment();
                        return Optional.of(receipt);
                    });
                });
    }

    /**
     * The part a receipt is about; empty when none is known yet (the receipt is then parked), or when
     * a registration racing with this receipt has taken it over.
     */
    public CompletionStage<Optional<Correlation>> match(Receipt receipt) {
        List<String> keys = keys(receipt);
        return lookup(receipt.scope(), keys, 0).thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(found)
                : unanswered.take(receipt).thenCompose(late -> rememberUnanswered(receipt.scope(), late))
        ).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(found);
            }
            // register writes the part, then looks for orphans; we park, then look for the part again.
            // One of the two sees the other, and claim() lets exactly one of them deliver the receipt.
            return park(receipt, keys)
                    .thenCompose(ignored -> lookup(receipt.scope(), keys, 0))
                    .thenCompose(late -> late.isEmpty()
                            ? CompletableFuture.completedFuture(late)
                            : claim(receipt.scope(), receipt).thenApply(won -> won ? late : Optional.<Correlation>empty()));
        });
    }

    /** A receipt found its unanswered part: the part is now known by the receipt's id, for the carrier's repeats. */
    private CompletionStage<Optional<Correlation>> rememberUnanswered(String scope, Optional<Correlation> late) {
        if (late.isEmpty()) {
            return CompletableFuture.completedFuture(late);
        }
        meters.counter("sms_receipts_unanswered_matched_total", "link", late.get().linkId()).increment();
        // by id and phone only: on SGIP and SMGP one id stands for every recipient of the submit
        return register(scope, late.get(), true).thenApply(ignored -> late);
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

    private CompletionStage<Optional<String>> findOrphan(String scope, List<String> keys, int index) {
        if (index >= keys.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return redis.get(orphanKey(scope, keys.get(index))).thenCompose(json -> json != null
                ? CompletableFuture.completedFuture(Optional.of(json))
                : findOrphan(scope, keys, index + 1));
    }

    /**
     * Takes a parked receipt out of every key it was parked under and off the unmatched list. It is
     * parked under all forms of its id, so only the deletion of its first key decides who owns it:
     * the receipt is delivered once, and no later registration can pick it up again.
     */
    private CompletionStage<Boolean> claim(String scope, Receipt receipt) {
        List<String> keys = keys(receipt);
        return redis.getdel(orphanKey(scope, keys.get(0))).thenCompose(parked -> {
            if (parked == null) {
                return CompletableFuture.completedFuture(false);
            }
            List<CompletableFuture<?>> cleanup = new ArrayList<>();
            if (keys.size() > 1) {
                String[] rest = keys.subList(1, keys.size()).stream().map(key -> orphanKey(scope, key)).toArray(String[]::new);
                cleanup.add(redis.del(rest).toCompletableFuture());
            }
            cleanup.add(redis.lrem(UNMATCHED_LIST, 1, parked).toCompletableFuture());
            return CompletableFuture.allOf(cleanup.toArray(CompletableFuture[]::new)).thenApply(ignored -> true);
        });
    }

    /** Where a receipt looks for its part, and is parked: its id with its phone first, then its id alone. */
    private static List<String> keys(Receipt receipt) {
        Set<String> keys = new LinkedHashSet<>(CarrierIds.keys(receipt.carrierMessageId(), receipt.phone()));
        keys.addAll(CarrierIds.keys(receipt.carrierMessageId()));
        return List.copyOf(keys);
    }

    private static String correlationKey(String scope, String idKey) {
        return "sms:dlr:" + scope + ":" + idKey;
    }

    private static String orphanKey(String scope, String idKey) {
        return "sms:dlr-early:" + scope + ":" + idKey;
    }
}
