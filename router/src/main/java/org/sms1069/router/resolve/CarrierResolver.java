package org.sms1069.router.resolve;

import io.lettuce.core.api.async.RedisAsyncCommands;
import org.sms1069.model.Carrier;
import org.sms1069.model.phone.NumberSegments;
import org.sms1069.model.phone.PhoneNumber;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The carrier that serves a number today: a number-portability override kept in Redis wins over the
 * original carrier of the number's segment.
 */
public final class CarrierResolver {
    static final String PORTED_KEY_PREFIX = "sms:np:";

    private final NumberSegments segments;
    private final RedisAsyncCommands<String, String> redis;

    public CarrierResolver(NumberSegments segments, RedisAsyncCommands<String, String> redis) {
        this.segments = segments;
        this.redis = redis;
    }

    public CompletionStage<Optional<Carrier>> resolve(PhoneNumber phone) {
        if (!phone.mainland()) {
            return CompletableFuture.completedFuture(Optional.of(Carrier.INTL));
        }
        return redis.get(PORTED_KEY_PREFIX + phone.value())
                .thenApply(ported -> ported != null ? Optional.of(Carrier.valueOf(ported)) : segments.carrierOf(phone));
    }

    public CompletionStage<Void> recordPorted(PhoneNumber phone, Carrier carrier) {
        return redis.set(PORTED_KEY_PREFIX + phone.value(), carrier.name()).thenApply(ok -> null);
    }
}
