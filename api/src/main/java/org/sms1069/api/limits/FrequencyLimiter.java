package org.sms1069.api.limits;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.sms1069.api.apps.AppSettings;
import org.sms1069.api.support.RedisScripts;
import org.sms1069.model.MessageType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

/**
 * Frequency control in Redis, atomic under concurrency (one Lua script per message): verification
 * codes per app and phone per minute / hour / day, identical content to one phone within 30 s, and
 * the app's daily quota. A message that passes is counted at once; if it is not queued after all,
 * {@link #release} gives its slot back.
 */
@Component
public class FrequencyLimiter {
    public static final Duration IDENTICAL_CONTENT_WINDOW = Duration.ofSeconds(30);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final RedisReactiveCommands<String, String> redis;
    private final Clock clock;
    private final String acquireScript;
    private final String releaseScript;

    public FrequencyLimiter(RedisReactiveCommands<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.acquireScript = RedisScripts.load("frequency.lua");
        this.releaseScript = RedisScripts.load("frequency-release.lua");
    }

    /** Which limit refused a message, and when it may be tried again; an allowed message holds a slot. */
    public record Verdict(String limit, Duration retryAfter, Slot slot) {
        public boolean allowed() {
            return "OK".equals(limit);
        }
    }

    /** The counters one allowed message took: the keys frequency.lua counted it in, and its member there. */
    public record Slot(List<String> keys, String member) {
    }

    public Mono<Verdict> acquire(String appId, AppSettings settings, String phone, MessageType type, String text, String messageId) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(CHINA).toLocalDate();
        long untilMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(CHINA)).toMillis();
        List<String> keys = List.of(
                "sms:fc:{" + appId + ":" + phone + "}:verify",
                "sms:fc:{" + appId + ":" + phone + "}:same:" + digest(text),
                "sms:quota:" + appId + ":" + today);
        String[] args = {String.valueOf(now.toEpochMilli()), messageId,
                String.valueOf(settings.verifyPerMinute()), String.valueOf(settings.verifyPerHour()),
                String.valueOf(settings.verifyPerDay()), type == MessageType.VERIFICATION ? "1" : "0",
                String.valueOf(IDENTICAL_CONTENT_WINDOW.toMillis()), String.valueOf(settings.dailyQuota()),
                String.valueOf(Duration.ofDays(2).toSeconds()), String.valueOf(untilMidnight)};
        return redis.<Object>eval(acquireScript, ScriptOutputType.MULTI, keys.toArray(String[]::new), args)
                .collectList()
                .map(FrequencyLimiter::flatten)
                .map(result -> {
                    String limit = String.valueOf(result.get(0));
                    Duration retryAfter = Duration.ofMillis(Math.max(0, ((Number) result.get(1)).longValue()));
                    return new Verdict(limit, retryAfter, "OK".equals(limit) ? new Slot(keys, messageId) : null);
                });
    }

    /** Undoes exactly what {@link #acquire} counted for this slot (one script, atomic). */
    public Mono<Void> release(Slot slot) {
        return redis.<String>eval(releaseScript, ScriptOutputType.STATUS, slot.keys().toArray(String[]::new), slot.member())
                .then();
    }

    /** Lettuce emits a MULTI reply either element by element or as one list, depending on the version. */
    private static List<?> flatten(List<Object> reply) {
        return reply.size() == 1 && reply.get(0) instanceof List<?> inner ? inner : reply;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
