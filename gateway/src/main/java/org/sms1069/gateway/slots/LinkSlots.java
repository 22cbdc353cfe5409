package org.sms1069.gateway.slots;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.sms1069.messaging.redis.LuaScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * The connection slots of each link, leased to gateway instances through Redis, so that all instances together
 * never open more connections than the link's {@code connections} (what the carrier account allows). A slot is
 * a field of {@code sms:link-slots:<link>} whose value is {@code owner|until-ms}; an instance opens the
 * connection of a slot only while it holds its lease. Instances announce themselves in the sorted set
 * {@code sms:link-slots:<link>:instances} (score: until when they are alive); each takes free slots up to its fair
 * share, {@code ceil(slots / live instances)}, and is told when it holds more than that, so that it closes the
 * surplus connections and then {@link #release}s their slots for the others. Time is Redis's clock ({@code TIME}),
 * so the instances' clocks need not agree; a crashed instance's slots and announcement lapse after one lease.
 */
public final class LinkSlots {
    private static final String PREFIX = "sms:link-slots:";

    /** ARGV: owner, lease ms, slots, take (1: take free slots up to the share, 0: only renew). */
    private static final LuaScript BALANCE = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local owner, lease, slots, take = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4] == '1'
            local leased = owner .. '|' .. (now + lease)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            redis.call('ZADD', KEYS[2], now + lease, owner)
            local instances = redis.call('ZCARD', KEYS[2])
            local share = math.ceil(slots / instances)
            local mine, free = {}, {}
            for slot = 0, slots - 1 do
              local value = redis.call('HGET', KEYS[1], slot)
              local bar = value and string.find(value, '|', 1, true)
              if value and string.sub(value, 1, bar - 1) == owner then
                mine[#mine + 1] = slot
              elseif not value or tonumber(string.sub(value, bar + 1)) <= now then
                free[#free + 1] = slot
              end
            end
            if take then
              for i = 1, math.min(#free, share - #mine) do mine[#mine + 1] = free[i] end
            end
            for i = 1, #mine do redis.call('HSET', KEYS[1], mine[i], leased) end
            redis.call('PEXPIRE', KEYS[1], lease * 3)
            redis.call('PEXPIRE', KEYS[2], lease * 3)
            local out = {instances, share}
            for i = 1, #mine do out[#out + 1] = mine[i] end
            return out""");
    /** ARGV: owner, then the slots to give up (only those the owner holds). */
    private static final LuaScript RELEASE = LuaScript.of("""
            for i = 2, #ARGV do
              local value = redis.call('HGET', KEYS[1], ARGV[i])
              if value and string.sub(value, 1, string.find(value, '|', 1, true) - 1) == ARGV[1] then
                redis.call('HDEL', KEYS[1], ARGV[i])
              end
            end
            return 1""");

    /** What one balance found: the slots the owner holds now (in order), its fair share, and how many instances are alive. */
    public record Holding(Set<Integer> held, int share, int instances) {
        public Holding {
            held = Collections.unmodifiableSet(new TreeSet<>(held));
        }
    }

    private final RedisAsyncCommands<String, String> redis;
    private final Duration lease;

    public LinkSlots(RedisAsyncCommands<String, String> redis, Duration lease) {
        this.redis = redis;
        this.lease = lease;
    }

    public Duration lease() {
        return lease;
    }

    /** Renews the owner's slots and announcement; with {@code take}, takes free slots up to the fair share. */
    public CompletionStage<Holding> balance(String linkId, String owner, int slots, boolean take) {
        return BALANCE.<List<Object>>run(redis, ScriptOutputType.MULTI, keys(linkId), owner,
                Long.toString(lease.toMillis()), Integer.toString(slots), take ? "1" : "0").thenApply(out -> {
                    Set<Integer> held = new TreeSet<>();
                    out.stream().skip(2).forEach(slot -> held.add(((Long) slot).intValue()));
                    return new Holding(held, ((Long) out.get(1)).intValue(), ((Long) out.get(0)).intValue());
                });
    }

    /** Gives the slots up (their connections must be closed already). */
    public CompletionStage<Void> release(String linkId, String owner, Collection<Integer> slots) {
        List<String> args = new ArrayList<>(List.of(owner));
        slots.forEach(slot -> args.add(slot.toString()));
        return RELEASE.run(redis, ScriptOutputType.INTEGER, new String[]{PREFIX + linkId}, args.toArray(String[]::new))
                .thenApply(ok -> null);
    }

    /** Gives every slot of the link up and leaves its instances, so that the others take over at once. */
    public CompletionStage<Void> leave(String linkId, String owner, int slots) {
        List<Integer> all = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++) {
            all.add(slot);
        }
        return release(linkId, owner, all).thenCompose(ok -> redis.zrem(keys(linkId)[1], owner)).thenApply(removed -> null);
    }

    private static String[] keys(String linkId) {
        return new String[]{PREFIX + linkId, PREFIX + linkId + ":instances"};
    }
}
