package org.sms1069.api.limits;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.sms1069.api.apps.AppSettings;
import org.sms1069.api.auth.NonceClaim;
import org.sms1069.api.auth.NonceStore;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.support.KeyedDigest;
import org.sms1069.messaging.Coalescer;
import org.sms1069.messaging.redis.LuaScript;
import org.sms1069.model.MessageType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Frequency control in Redis, atomic under concurrency: verification codes per app and phone per
 * minute / hour / day, identical content to one phone within 30 s, and the app's daily quota. All
 * phones of a send, and the send's deferred nonce, are one script run (send.lua), and the sends that come while a
 * run is busy share the next one: one round trip for all of them, and one quota increment per app. A message that
 * passes is counted at once; if it is not queued after all, {@link #release} gives its slot back.
 *
 * <p>The script touches keys of several hash slots (the nonce, the app's quota, each phone's keys): it
 * needs a single Redis node, as the platform runs it, not a Redis Cluster.
 */
@Component
public class FrequencyLimiter {
    public static final Duration IDENTICAL_CONTENT_WINDOW = Duration.ofSeconds(30);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String NONCE_USED = "NONCE_USED";
    private static final String CONTENT_LABEL = "sms1069/identical-content/v2";
    private static final String SAME_PREFIX = "sms:same:";
    private static final Duration QUOTA_TTL = Duration.ofDays(2);
    /** Sends in one script run at most; a second run may start while the first is on its way. */
    private static final int MAX_SENDS_PER_RUN = 32;
    private static final int RUNS_IN_FLIGHT = 2;

    private final RedisReactiveCommands<String, String> redis;
    private final Clock clock;
    /** Keyed: the key names hold a digest of the text, which must not let a verification code be guessed offline. */
    private final KeyedDigest contentDigest;
    private final LuaScript acquireScript = LuaScript.resource("redis/send.lua");
    private final LuaScript releaseScript = LuaScript.resource("redis/frequency-release.lua");
    private final Coalescer<Send, List<?>> runs = Coalescer.whileBusy(this::runAll, MAX_SENDS_PER_RUN, RUNS_IN_FLIGHT);

    public FrequencyLimiter(RedisReactiveCommands<String, String> redis, ApiProperties properties, Clock clock) {
        this.redis = redis;
        this.contentDigest = KeyedDigest.derive(properties.security().masterKey(), CONTENT_LABEL);
        this.clock = clock;
    }

    /** One message of a send: its phone and its id (the member its counters hold). */
    public record Candidate(String phone, String messageId) {
    }

    /** Which limit refused a message, and when it may be tried again; an allowed message holds a slot. */
    public record Verdict(String limit, Duration retryAfter, Slot slot) {
        public boolean allowed() {
            return "OK".equals(limit);
        }
    }

    /** The counters one allowed message took, and its member there. */
    public record Slot(String quotaKey, String verifyKey, String sameKey, String member) {
    }

    /**
     * Applies the limits to every candidate, in order, in one script run that also records
     * {@code nonce} (if given); fails with 401 and counts nothing if the nonce was used before. Sends made while a
     * run is busy share the next run (group commit), each decided as if it had run alone.
     */
    public Mono<List<Verdict>> acquire(String appId, AppSettings settings, List<Candidate> candidates, MessageType type,
                                       String text, NonceClaim nonce) {
        Send send = send(appId, settings, candidates, type, text, nonce);
        return Mono.fromFuture(() -> runs.submit(send)).flatMap(reply -> {
            if (NONCE_USED.equals(String.valueOf(reply.get(0)))) {
                return Mono.error(NonceStore.replayed());
            }
            if (nonce != null) {
                nonce.recorded();
            }
            List<Verdict> verdicts = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                String limit = String.valueOf(reply.get(2 * i));
                Duration retryAfter = Duration.ofMillis(Math.max(0, ((Number) reply.get(2 * i + 1)).longValue()));
                Slot slot = "OK".equals(limit) ? new Slot(send.quotaKey(), send.keys().get(2 + 2 * i),
                        send.keys().get(3 + 2 * i), candidates.get(i).messageId()) : null;
                verdicts.add(new Verdict(limit, retryAfter, slot));
            }
            return Mono.just(verdicts);
        });
    }

    /** One send's part of a run of send.lua: its keys and arguments, in the script's layout. */
    private record Send(String quotaKey, int phones, List<String> keys, List<String> args) {
    }

    private Send send(String appId, AppSettings settings, List<Candidate> candidates, MessageType type, String text,
                      NonceClaim nonce) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(CHINA).toLocalDate();
        long untilMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(CHINA)).toMillis();
        String quotaKey = "sms:quota:" + appId + ":" + today;
        List<String> keys = new ArrayList<>(2 + 2 * candidates.size());
        keys.add(nonce == null ? "sms:nonce:none" : nonce.key());
        keys.add(quotaKey);
        List<String> args = new ArrayList<>(8 + 2 * candidates.size());
        args.addAll(List.of(String.valueOf(candidates.size()), nonce == null ? "0" : String.valueOf(nonce.ttl().toMillis()),
                String.valueOf(settings.verifyPerMinute()), String.valueOf(settings.verifyPerHour()),
                String.valueOf(settings.verifyPerDay()), type == MessageType.VERIFICATION ? "1" : "0",
                String.valueOf(settings.dailyQuota()), String.valueOf(untilMidnight)));
        for (Candidate candidate : candidates) {
            keys.add(verifyKey(appId, candidate.phone()));
            keys.add(sameKey(appId, candidate.phone(), text));
            args.add(candidate.messageId());
            args.add(markerOwner(candidate.messageId()));
        }
        return new Send(quotaKey, candidates.size(), keys, args);
    }

    /** One run of send.lua for the sends gathered; each gets its slice of the reply: two elements per phone. */
    private CompletableFuture<List<List<?>>> runAll(List<Send> sends) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(String.valueOf(clock.millis()),
                String.valueOf(IDENTICAL_CONTENT_WINDOW.toMillis()), String.valueOf(QUOTA_TTL.toSeconds())));
        sends.forEach(send -> {
            keys.addAll(send.keys());
            args.addAll(send.args());
        });
        return acquireScript.<Object>run(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray(String[]::new))
                .collectList()
                .<List<List<?>>>map(reply -> {
                    List<?> all = flatten(reply);
                    List<List<?>> slices = new ArrayList<>(sends.size());
                    int from = 0;
                    for (Send send : sends) {
                        slices.add(all.subList(from, from + 2 * send.phones()));
                        from += 2 * send.phones();
                    }
                    return slices;
                })
                .toFuture();
    }

    /** Undoes exactly what {@link #acquire} counted for these slots of one app and day (one script, atomic). */
    public Mono<Void> release(List<Slot> slots) {
        if (slots.isEmpty()) {
            return Mono.empty();
        }
        List<String> keys = new ArrayList<>(1 + 2 * slots.size());
        keys.add(slots.get(0).quotaKey());
        slots.forEach(slot -> {
            keys.add(slot.verifyKey());
            keys.add(slot.sameKey());
        });
        List<String> args = new ArrayList<>(2 * slots.size());
        slots.forEach(slot -> {
            args.add(slot.member());
            args.add(markerOwner(slot.member()));
        });
        return releaseScript.<String>run(redis, ScriptOutputType.STATUS, keys.toArray(String[]::new), args.toArray(String[]::new)).then();
    }

    private static String verifyKey(String appId, String phone) {
        return "sms:fc:{" + appId + ":" + phone + "}:verify";
    }

    /** Lettuce emits a MULTI reply either element by element or as one list, depending on the version. */
    private static List<?> flatten(List<Object> reply) {
        return reply.size() == 1 && reply.get(0) instanceof List<?> inner ? inner : reply;
    }

    /**
     * The marker of {@code text} sent by the app to the phone, under a short key ({@link KeyedDigest#keyName}): a
     * marker is what a message holds longest in Redis while it is in flight.
     */
    public String sameKey(String appId, String phone, String text) {
        return SAME_PREFIX + contentDigest.keyName(appId, phone, text);
    }

    /**
     * What a marker holds to say which message took it, so that a release never frees another's: a number from the
     * message id (which Redis keeps in the key's own object; the id itself would cost 16 bytes more a marker).
     */
    private static String markerOwner(String messageId) {
        return Integer.toUnsignedString(messageId.hashCode());
    }
}
