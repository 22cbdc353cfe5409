package org.sms1069.gateway.mo;

import io.lettuce.core.Range;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.gateway.link.InboundValues;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.json.SmsJson;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Puts the parts of a long MO together, in Redis so that parts arriving at different gateway instances meet.
 * The parts of one message share the link, sender, destination, reference and part count; each is kept under
 * its number until all are in, and the one who deletes the set hands the whole message on (exactly once).
 * A message still missing parts after {@code wait} is handed on with the parts that came, by {@link #sweep()}:
 * the app gets what the phone sent rather than nothing. A message that was taken but could not be handed on is
 * {@link #putBack put back}, to be taken again by the carrier's resend of a part or by the next sweep.
 */
public final class MoAssembler {
    static final String PENDING = "sms:mo:pending";
    private static final String PARTS = "sms:mo:parts:";

    private final RedisAsyncCommands<String, String> redis;
    private final Duration wait;
    private final Clock clock;
    private final MeterRegistry meters;

    public MoAssembler(RedisAsyncCommands<String, String> redis, Duration wait, Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.wait = wait;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A long MO taken out of Redis to be handed on.
     *
     * @param parts its parts as kept, by number, for {@link #putBack}
     */
    public record Assembled(MoMessage message, String key, Map<String, String> parts) {
    }

    /** Keeps the part; completes with the whole message when this was the last part missing. */
    public CompletionStage<Optional<Assembled>> add(MoPart part) {
        ConcatenationUdh place = part.concatenation();
        String key = key(part);
        long deadline = clock.instant().plus(wait).toEpochMilli();
        return redis.hset(key, String.valueOf(place.number()), json(part.message()))
                .thenCompose(added -> redis.expire(key, wait.multipliedBy(4).plusMinutes(1)))
                .thenCompose(set -> redis.zadd(PENDING, ZAddArgs.Builder.nx(), deadline, key))
                .thenCompose(added -> redis.hlen(key))
                .thenCompose(parts -> parts < place.total()
                        ? CompletableFuture.completedFuture(Optional.<Assembled>empty())
                        : take(key, true))
                .toCompletableFuture();
    }

    /** Hands on, with the parts that came, every long MO whose wait is over. */
    public CompletionStage<List<Assembled>> sweep() {
        return redis.zrangebyscore(PENDING, Range.create(0, clock.millis())).thenCompose(keys -> {
            List<CompletableFuture<Optional<Assembled>>> taken = keys.stream().map(key -> take(key, false)).toList();
            return CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<Assembled> incomplete = new ArrayList<>();
                taken.forEach(t -> t.join().ifPresent(incomplete::add));
                return incomplete;
            });
        });
    }

    /**
     * Keeps the parts of a message that was taken but could not be handed on again, waiting as a fresh one: the
     * carrier's resend of the part we refused completes it, or else the sweep hands it on after {@code wait}.
     */
    public CompletionStage<Void> putBack(Assembled assembled) {
        return redis.hset(assembled.key(), assembled.parts())
                .thenCompose(added -> redis.expire(assembled.key(), wait.multipliedBy(4).plusMinutes(1)))
                .thenCompose(set -> redis.zadd(PENDING, ZAddArgs.Builder.nx(), clock.instant().plus(wait).toEpochMilli(),
                        assembled.key()))
                .thenApply(added -> (Void) null);
    }

    private CompletableFuture<Optional<Assembled>> take(String key, boolean complete) {
        return redis.hgetall(key)
                .thenCompose(parts -> redis.del(key).thenCompose(deleted -> redis.zrem(PENDING, key)
                        .thenApply(removed -> deleted == 1 && !parts.isEmpty()
                                ? Optional.of(new Assembled(joined(parts, complete), key, parts)) : Optional.<Assembled>empty())))
                .toCompletableFuture();
    }

    private MoMessage joined(Map<String, String> parts, boolean complete) {
        meters.counter("sms_mo_long_total", "result", complete ? "complete" : "incomplete").increment();
        List<Map.Entry<String, String>> inOrder = new ArrayList<>(parts.entrySet());
        inOrder.sort(Comparator.comparingInt(e -> Integer.parseInt(e.getKey())));
        StringBuilder text = new StringBuilder();
        MoMessage first = null;
        for (Map.Entry<String, String> entry : inOrder) {
            MoMessage part = SmsJson.read(entry.getValue().getBytes(StandardCharsets.UTF_8), MoMessage.class);
            first = first == null ? part : first;
            text.append(part.text());
        }
        return InboundValues.mo(first.phone(), first.destination(), text.toString(), first.carrier(), first.linkId(),
                first.at(), first.carrierMessageId(), first.carrierLinkId());
    }

    private static String key(MoPart part) {
        MoMessage message = part.message();
        ConcatenationUdh place = part.concatenation();
        return PARTS + message.linkId() + ":" + message.phone() + ":" + message.destination() + ":" + place.reference()
                + ":" + place.total();
    }

    private static String json(MoMessage message) {
        return new String(SmsJson.write(message), StandardCharsets.UTF_8);
    }
}
