package org.sms1069.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.messaging.redis.LuaScript;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key}: the same key with the same body gets the same answer for 24 h, even when
 * the duplicates arrive at the same time (the later ones wait for the first); the same key with a
 * different body is a 409. Only successful answers are kept: after an error the key is free again.
 * A running request holds its key by a short lease that it renews while it runs, so a request whose
 * connection dropped or whose instance crashed stops renewing and frees the key when the lease lapses.
 */
@Component
public class IdempotencyStore {
    public static final String HEADER = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Duration KEEP = Duration.ofHours(24);
    private static final Duration WAIT_STEP = Duration.ofMillis(50);
    private static final int WAIT_STEPS = 200;

    private final RedisReactiveCommands<String, String> redis;
    private final ObjectMapper json;
    private final Duration lease;
    private final LuaScript renewScript = LuaScript.resource("redis/idempotency-renew.lua");
    private final LuaScript releaseScript = LuaScript.resource("redis/idempotency-release.lua");

    public IdempotencyStore(RedisReactiveCommands<String, String> redis, ObjectMapper json, ApiProperties properties) {
        this.redis = redis;
        this.json = json;
        this.lease = properties.idempotency().pendingLease();
    }

    /**
     * Stored state: PENDING while the first request runs (owner tells its holder apart from a later
     * one with the same body), then DONE with the answer.
     */
    record Entry(String state, String bodyHash, String answer, String owner) {
    }

    public <T> Mono<T> once(String appId, String key, Object request, Class<T> answerType, Supplier<Mono<T>> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED, HEADER + " must be 1-64 letters, digits or . _ : -"));
        }
        String redisKey = "sms:idem:" + appId + ":" + key;
        String hash = hash(request);
        return attempt(redisKey, hash, answerType, action, 0);
    }

    private <T> Mono<T> attempt(String redisKey, String hash, Class<T> answerType, Supplier<Mono<T>> action, int waited) {
        String pending = write(new Entry("PENDING", hash, null, UUID.randomUUID().toString()));
        return redis.set(redisKey, pending, SetArgs.Builder.nx().px(lease))
                .defaultIfEmpty("")
                .flatMap(claimed -> "OK".equals(claimed)
                        ? run(redisKey, pending, hash, action)
                        : redis.get(redisKey).flatMap(stored -> {
                            Entry entry = read(stored, Entry.class);
                            if (!entry.bodyHash().equals(hash)) {
                                return Mono.error(new ApiException(ErrorCode.CONFLICT,
                                        HEADER + " was already used with a different request body"));
                            }
                            if ("DONE".equals(entry.state())) {
                                return Mono.just(read(entry.answer(), answerType));
                            }
                            if (waited >= WAIT_STEPS) {
                                return Mono.error(new ApiException(ErrorCode.CONFLICT,
                                        "a request with this " + HEADER + " is still in progress"));
                            }
                            return Mono.delay(WAIT_STEP).then(attempt(redisKey, hash, answerType, action, waited + 1));
                        }).switchIfEmpty(Mono.defer(() -> attempt(redisKey, hash, answerType, action, waited + 1))));
    }

    /** Runs the request while renewing its lease; the renewals stop with it, however it ends. */
    private <T> Mono<T> run(String redisKey, String pending, String hash, Supplier<Mono<T>> action) {
        Disposable renewals = Flux.interval(lease.dividedBy(3))
                .concatMap(tick -> renewScript.<Long>run(redis, ScriptOutputType.INTEGER, new String[]{redisKey},
                                pending, String.valueOf(lease.toMillis()))
                        .onErrorResume(error -> {
                            log.warn("cannot renew the lease of an {}: {}", HEADER, error.toString());
                            return Mono.empty();
                        }))
                .subscribe();
        // deferred: an action that throws at once (a request refused before any work) must free the key too
        return Mono.defer(action)
                .flatMap(answer -> redis.set(redisKey, write(new Entry("DONE", hash, write(answer), null)), SetArgs.Builder.ex(KEEP))
                        .thenReturn(answer))
                .onErrorResume(error -> releaseScript.<Long>run(redis, ScriptOutputType.INTEGER, new String[]{redisKey}, pending)
                        .then(Mono.error(error)))
                .doFinally(signal -> renewals.dispose());
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text.getBytes(StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
