package org.sms1069.gateway.dispatch;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.sms1069.messaging.Coalescer;
import org.sms1069.messaging.redis.LuaScript;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Who may submit a part to one recipient, by the router's dedup key, across every gateway instance. Before the
 * submit an instance takes the key with a lease under an owner token of its own; it renews the lease while the
 * carrier has not answered, and turns it into a "done" marker once the part's fate is settled (accepted, handed to
 * {@code sms.retry}, failed, or outcome unknown). A definite failure that the same record will repeat releases the
 * key, only if the owner still holds it.
 * <p>Layout: one Redis hash per {@code doneTtl} window, {@code sms:parts:<window>}, field = dedup key, value
 * {@code L<until epoch ms>|<owner>} for a lease or a {@link Settled#marker()} for done, and the field
 * {@value #EXPIRING} once the window has its expiry. A key is looked up in the current window and, when not there,
 * in the previous one, so a done marker is seen for at least {@code doneTtl}, and each window expires as a whole:
 * no command per key for its expiry, and one per window, not per script run. Calls made together (the records of
 * one poll, the answers of one read) are one script run, which reads and writes every key of the batch with one
 * {@code HMGET}/{@code HSET} per window; a script is atomic, so two instances never both take a key.
 */
public final class PartClaims {
    static final String LEASE_PREFIX = "L";
    /** The field that says a window hash has its expiry (its value: the expiry, epoch ms); never a dedup key. */
    static final String EXPIRING = "~";
    private static final String BUCKET_PREFIX = "sms:parts:";
    private static final int MAX_BATCH = 500;
    private static final Duration LINGER = Duration.ofMillis(1);

    /**
     * Reads the batch's fields ({@code ARGV[first], ARGV[first + step], ...}): cur, prev (only for the fields not in
     * the current window: a value there wins anyway), and whether the current window has no expiry yet. The window's
     * expiry is set once, with the field {@value #EXPIRING} that says so, in the script that first writes into it:
     * reading that field rides on the HMGET the script makes anyway, where a PEXPIREAT per run was one more command.
     */
    private static final String READ = """
            local function read(first, step)
              local fields = {}
              for i = first, #ARGV, step do fields[#fields + 1] = ARGV[i] end
              fields[#fields + 1] = '~'
              local cur = redis.call('HMGET', KEYS[1], unpack(fields))
              local n = #fields
              local unexpiring = not cur[n]
              fields[n] = nil
              cur[n] = nil
              local missing, at, prev = {}, {}, {}
              for i = 1, #fields do
                if not cur[i] then missing[#missing + 1], at[#at + 1] = fields[i], i end
              end
              if #missing > 0 then
                local found = redis.call('HMGET', KEYS[2], unpack(missing))
                for j = 1, #missing do prev[at[j]] = found[j] end
              end
              return fields, cur, prev, unexpiring
            end
            local function write(writes, unexpiring, expireAt)
              if unexpiring then
                writes[#writes + 1] = '~'
                writes[#writes + 1] = expireAt
              end
              redis.call('HSET', KEYS[1], unpack(writes))
              if unexpiring then redis.call('PEXPIREAT', KEYS[1], expireAt) end
            end
            local function owner(value)
              if not value or string.sub(value, 1, 1) ~= 'L' then return nil, nil end
              local bar = string.find(value, '|', 1, true)
              return string.sub(value, bar + 1), tonumber(string.sub(value, 2, bar - 1))
            end
            """;
    /** ARGV: now, lease ms, expire-at of the current window, then field, owner per claim. '' = taken, else the value found. */
    private static final LuaScript TAKE = LuaScript.of(READ + """
            local now, lease, expireAt = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
            local fields, cur, prev, unexpiring = read(4, 2)
            local out, writes, batch = {}, {}, {}
            for i = 1, #fields do
              local value = batch[fields[i]] or cur[i] or prev[i]
              local mine = ARGV[3 + 2 * i]
              local holder, untilMs = owner(value)
              if value and (not holder or (holder ~= mine and untilMs > now)) then
                out[i] = value
              else
                out[i] = ''
                writes[#writes + 1] = fields[i]
                writes[#writes + 1] = 'L' .. (now + lease) .. '|' .. mine
                batch[fields[i]] = writes[#writes]
              end
            end
            if #writes > 0 then write(writes, unexpiring, expireAt) end
            return out""");
    /**
     * ARGV: expire-at of the current window, then field, owner, new value per claim: writes the value into the
     * current window (and drops the key from the previous one), always if {@code ARGV[2]} is 'always', else only
     * where the owner still holds the key. 1 per claim the owner held, else 0.
     */
    private static final LuaScript WRITE = LuaScript.of(READ + """
            local always, expireAt = ARGV[1] == 'always', ARGV[2]
            local fields, cur, prev, unexpiring = read(3, 3)
            local out, writes, moved = {}, {}, {}
            for i = 1, #fields do
              local holder = owner(cur[i] or prev[i])
              local held = holder == ARGV[1 + 3 * i]
              out[i] = held and 1 or 0
              if always or held then
                local value = ARGV[2 + 3 * i]
                if value == '' then
                  if cur[i] then redis.call('HDEL', KEYS[1], fields[i]) end
                else
                  writes[#writes + 1] = fields[i]
                  writes[#writes + 1] = value
                end
                if prev[i] then moved[#moved + 1] = fields[i] end
              end
            end
            if #writes > 0 then write(writes, unexpiring, expireAt) end
            if #moved > 0 then redis.call('HDEL', KEYS[2], unpack(moved)) end
            return out""");

    /** What a claim attempt found. */
    public enum State {
        /** The key is ours now: submit. */
        TAKEN,
        /** The part's fate is settled: never submit it again. */
        DONE,
        /** Another owner's lease: its submit may be in flight; try again when the lease may have ended. */
        HELD
    }

    /** One owner's claim on one recipient's dedup key. */
    public record Claim(String dedupKey, String owner) {
    }

    /** What {@link #take} found: the state and, when the key is done, how it was settled. */
    public record Found(State state, Settled settled) {
        static Found of(String value) {
            if (value.isEmpty()) {
                return new Found(State.TAKEN, null);
            }
            return value.startsWith(LEASE_PREFIX) ? new Found(State.HELD, null) : new Found(State.DONE, Settled.parse(value));
        }
    }

    /**
     * How a claim ended, as its done marker keeps it. An accepted part's marker also keeps the carrier's ids of the
     * key's recipients (in the record's order) and whether the carrier gave one id to several of them: what the
     * dispatcher writes after the marker (SUBMITTED, the receipt correlation), so that if the instance dies in
     * between, the record handed over again writes it from the marker instead of submitting the part again.
     */
    public record Settled(Outcome outcome, List<String> carrierIds, boolean sharedId) {
        /** Between the ids; carrier ids are printable (CMPP, SGIP and SMGP ids are digits and '-', SMPP's C-strings). */
        private static final String SEPARATOR = "\u001f";
        private static final String SHARED = "*";

        public Settled {
            carrierIds = List.copyOf(carrierIds);
        }

        public static Settled of(Outcome outcome) {
            return new Settled(outcome, List.of(), false);
        }

        public static Settled accepted(List<String> carrierIds, boolean sharedId) {
            return new Settled(Outcome.ACCEPTED, carrierIds, sharedId);
        }

        /** The stored value: the outcome's letter, then for an accepted part its ids. */
        public String marker() {
            if (carrierIds.isEmpty()) {
                return outcome.marker();
            }
            return outcome.marker() + (sharedId ? SHARED : "") + SEPARATOR + String.join(SEPARATOR, carrierIds);
        }

        static Settled parse(String marker) {
            Outcome outcome = Outcome.of(marker.substring(0, 1));
            int ids = marker.indexOf(SEPARATOR);
            if (ids < 0) {
                return of(outcome);
            }
            return new Settled(outcome, List.of(marker.substring(ids + 1).split(SEPARATOR, -1)),
                    marker.substring(1, ids).equals(SHARED));
        }
    }

    /** How a claim ended. */
    public enum Outcome {
        ACCEPTED("A"), RETRIED("R"), FAILED("F"), UNKNOWN("U");

        private final String marker;

        Outcome(String marker) {
            this.marker = marker;
        }

        /** The outcome's letter in a settled key's value (short: the key is kept for a while after every message). */
        public String marker() {
            return marker;
        }

        static Outcome of(String marker) {
            for (Outcome outcome : values()) {
                if (outcome.marker.equals(marker)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("not a settled part's marker: " + marker);
        }
    }

    private final RedisAsyncCommands<String, String> redis;
    private final Duration lease;
    private final Duration doneTtl;
    private final String instance;
    private final Clock clock;
    private final Coalescer<Claim, String> takes;
    private final Coalescer<Write, Boolean> renewals;
    private final Coalescer<Write, Boolean> finishes;
    private final Coalescer<Write, Boolean> releases;

    /**
     * @param lease    how long a claim lives unless renewed: after a crash, another instance takes over after it
     * @param doneTtl  how long, at least, a settled part is remembered: longer than any record can be handed over
     *                 again (a consumer's retries, a rebalance, the router writing a part again)
     * @param instance names the owner in the lease value, for whoever inspects a key (e.g. host name)
     */
    public PartClaims(RedisAsyncCommands<String, String> redis, Duration lease, Duration doneTtl, String instance) {
        this(redis, lease, doneTtl, instance, Clock.systemUTC());
    }

    public PartClaims(RedisAsyncCommands<String, String> redis, Duration lease, Duration doneTtl, String instance,
                      Clock clock) {
        if (doneTtl.compareTo(lease) < 0) {
            throw new IllegalArgumentException("done markers (" + doneTtl + ") must outlive a lease (" + lease + ")");
        }
        this.redis = redis;
        this.lease = lease;
        this.doneTtl = doneTtl;
        this.instance = instance;
        this.clock = clock;
        this.takes = new Coalescer<>(this::takeAll, MAX_BATCH, LINGER);
        this.renewals = new Coalescer<>(batch -> write(batch, false), MAX_BATCH, LINGER);
        this.finishes = new Coalescer<>(batch -> write(batch, true), MAX_BATCH, LINGER);
        this.releases = new Coalescer<>(batch -> write(batch, false), MAX_BATCH, LINGER);
    }

    public Duration lease() {
        return lease;
    }

    /** A claim with a fresh owner token; nothing is written until {@link #take}. */
    public Claim newClaim(String dedupKey) {
        return new Claim(dedupKey, instance + ":" + UUID.randomUUID());
    }

    public CompletionStage<Found> take(Claim claim) {
        return takes.submit(claim).thenApply(Found::of);
    }

    /** Extends the lease; false when the owner no longer holds the key (it expired, or another owner has it). */
    public CompletionStage<Boolean> renew(Claim claim) {
        return renewals.submit(new Write(claim, now -> leaseValue(claim, now)));
    }

    /**
     * Marks the part done whoever holds the key: the carrier's answer is a fact, so no instance may submit the
     * part again. False when the owner had lost its lease meanwhile (another instance may have submitted too).
     */
    public CompletionStage<Boolean> finish(Claim claim, Settled settled) {
        String marker = settled.marker();
        return finishes.submit(new Write(claim, now -> marker));
    }

    /** Gives the key up so that the record's next delivery can submit; only while the owner still holds it. */
    public CompletionStage<Boolean> release(Claim claim) {
        return releases.submit(new Write(claim, now -> ""));
    }

    /** The key's value as stored (a lease, a {@link Settled#marker()}), or null: for inspection and tests. */
    public CompletionStage<String> inspect(String dedupKey) {
        List<String> windows = windows(clock.millis());
        return redis.hget(windows.get(0), dedupKey).thenCompose(current -> current != null
                ? CompletableFuture.completedFuture(current)
                : redis.hget(windows.get(1), dedupKey));
    }

    private CompletionStage<List<String>> takeAll(List<Claim> claims) {
        long now = clock.millis();
        List<String> args = new ArrayList<>(List.of(Long.toString(now), Long.toString(lease.toMillis()), expireAt(now)));
        claims.forEach(claim -> {
            args.add(claim.dedupKey());
            args.add(claim.owner());
        });
        return TAKE.<List<Object>>run(redis, ScriptOutputType.MULTI, windows(now).toArray(String[]::new),
                args.toArray(String[]::new)).thenApply(found -> found.stream().map(String::valueOf).toList());
    }

    private CompletionStage<List<Boolean>> write(List<Write> writes, boolean always) {
        long now = clock.millis();
        List<String> args = new ArrayList<>(List.of(always ? "always" : "held", expireAt(now)));
        writes.forEach(write -> {
            args.add(write.claim().dedupKey());
            args.add(write.claim().owner());
            args.add(write.value().apply(now));
        });
        return WRITE.<List<Object>>run(redis, ScriptOutputType.MULTI, windows(now).toArray(String[]::new),
                args.toArray(String[]::new)).thenApply(held -> held.stream().map(n -> ((Long) n) == 1).toList());
    }

    private String leaseValue(Claim claim, long now) {
        return LEASE_PREFIX + (now + lease.toMillis()) + "|" + claim.owner();
    }

    /** The current window's hash and the previous one's. */
    private List<String> windows(long now) {
        long window = now / doneTtl.toMillis();
        return List.of(BUCKET_PREFIX + window, BUCKET_PREFIX + (window - 1));
    }

    /** A window is read as "previous" through the next one, and a lease written at its end must outlive it. */
    private String expireAt(long now) {
        long window = now / doneTtl.toMillis();
        return Long.toString((window + 2) * doneTtl.toMillis() + lease.toMillis());
    }

    /** One write of a batch: the claim and its new value at the batch's time ("" deletes the key). */
    private record Write(Claim claim, Function<Long, String> value) {
    }
}
