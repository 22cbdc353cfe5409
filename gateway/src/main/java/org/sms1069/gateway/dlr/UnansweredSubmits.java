package org.sms1069.gateway.dlr;

import io.lettuce.core.api.async.RedisAsyncCommands;
import org.sms1069.model.json.SmsJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Parts whose submit got no answer (TIMEOUT): the carrier may have taken them, but we never learnt their
 * carrier id. They wait per carrier account and phone, oldest first, for a receipt that matches nothing by
 * id; such a receipt takes the oldest. Best effort: two unanswered parts to one phone may swap their receipts.
 */
final class UnansweredSubmits {
    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;

    UnansweredSubmits(RedisAsyncCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    CompletionStage<Void> add(String scope, Correlation correlation) {
        String key = key(scope, correlation.phone());
        String value = new String(SmsJson.write(correlation), StandardCharsets.UTF_8);
        return redis.rpush(key, value).thenCompose(n -> redis.expire(key, ttl)).thenApply(ok -> null);
    }

    /** The oldest unanswered part to the receipt's phone, now carrying the receipt's carrier id. */
    CompletionStage<Optional<Correlation>> take(Receipt receipt) {
        if (receipt.phone() == null || receipt.phone().isBlank()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return redis.lpop(key(receipt.scope(), receipt.phone())).thenApply(json -> Optional.ofNullable(json)
                .map(j -> SmsJson.read(j.getBytes(StandardCharsets.UTF_8), Correlation.class))
                .map(c -> new Correlation(c.messageId(), c.phone(), c.segment(), c.segments(), c.carrier(), c.linkId(),
                        receipt.carrierMessageId(), c.submittedAt())));
    }

    /** The phone's last 11 digits, as {@link CarrierIds} keys it, whether the carrier prints 86, +86 or neither. */
    private static String key(String scope, String phone) {
        String digits = phone.replaceAll("\\D", "");
        return "sms:dlr-unanswered:" + scope + ":" + digits.substring(Math.max(0, digits.length() - 11));
    }
}
