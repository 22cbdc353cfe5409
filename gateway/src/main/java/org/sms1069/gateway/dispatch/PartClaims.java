package org.sms1069.gateway.dispatch;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Who may submit a part to one recipient, by the router's dedup key, across every gateway instance. Before the
 * submit an instance takes the key with {@code SET NX PX lease} under an owner token of its own; it renews the
 * lease while the carrier has not answered, and turns it into a long "done" marker once the part's fate is
 * settled (accepted, handed to {@code sms.retry}, failed, or outcome unknown). A definite failure that the
 * same record will repeat releases the key, only if the owner still holds it.
 * <p>Values: {@value #LEASE_PREFIX}… is a lease, anything else is done (older gateways wrote "1").
 */
public final class PartClaims {
    static final String LEASE_PREFIX = "lease:";

    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

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

    /** How a claim ended, kept in the done marker for whoever inspects the key. */
    public enum Outcome {
        ACCEPTED, RETRIED, FAILED, UNKNOWN;

        String marker() {
            return "done:" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final RedisAsyncCommands<String, String> redis;
    private final Duration lease;
    private final Duration doneTtl;
    private final String instance;

    /**
     * @param lease    how long a claim lives unless renewed: after a crash, another instance takes over after it
     * @param doneTtl  how long a settled part is remembered (the receipt TTL: a redelivery later than that is moot)
     * @param instance names the owner in the lease value, for whoever inspects a key (e.g. host name)
     */
    public PartClaims(RedisAsyncCommands<String, String> redis, Duration lease, Duration doneTtl, String instance) {
        this.redis = redis;
        this.lease = lease;
        this.doneTtl = doneTtl;
        this.instance = instance;
    }

    public Duration lease() {
        return lease;
    }

    /** A claim with a fresh owner token; nothing is written until {@link #take}. */
    public Claim newClaim(String dedupKey) {
        return new Claim(dedupKey, LEASE_PREFIX + instance + ":" + UUID.randomUUID());
    }

    public CompletionStage<State> take(Claim claim) {
        return redis.setGet(key(claim.dedupKey()), claim.owner(), SetArgs.Builder.nx().px(lease))
                .thenApply(previous -> previous == null || previous.equals(claim.owner()) ? State.TAKEN
                        : previous.startsWith(LEASE_PREFIX) ? State.HELD : State.DONE);
    }

    /** Extends the lease; false when the owner no longer holds the key (it expired, or another owner has it). */
    public CompletionStage<Boolean> renew(Claim claim) {
        return redis.<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[]{key(claim.dedupKey())}, claim.owner(),
                Long.toString(lease.toMillis())).thenApply(n -> n == 1);
    }

    /**
     * Marks the part done whoever holds the key: the carrier's answer is a fact, so no instance may submit the
     * part again. False when the owner had lost its lease meanwhile (another instance may have submitted too).
     */
    public CompletionStage<Boolean> finish(Claim claim, Outcome outcome) {
        return redis.setGet(key(claim.dedupKey()), outcome.marker(), SetArgs.Builder.px(doneTtl))
                .thenApply(claim.owner()::equals);
    }

    /** Gives the key up so that the record's next delivery can submit; only while the owner still holds it. */
    public CompletionStage<Boolean> release(Claim claim) {
        return redis.<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[]{key(claim.dedupKey())}, claim.owner())
                .thenApply(n -> n == 1);
    }

    static String key(String dedupKey) {
        return "sms:dedup:" + dedupKey;
    }
}
