package org.sms1069.gateway.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.dlr.Correlation;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.messaging.NotDueException;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.RecordTrace;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.PartKey;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.retry.Backoff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Consumes {@code sms.out.<link>} for one link: submits each part to each recipient once across every gateway
 * instance (a {@link PartClaims} claim per recipient's dedup key, taken before the submit and renewed while it is
 * in flight), and turns the carrier's answer into SUBMITTED statuses and receipt correlations, a retry on
 * {@code sms.retry}, or FAILED. A submit the carrier never answered (TIMEOUT) has an unknown outcome: the part
 * may have reached the phone, so it is never submitted again; it counts as SUBMITTED without a carrier id and a
 * late receipt is matched by the phone. The stage completes only when the outcome is durable, so the offset is
 * committed after it; a part claimed by another instance is not done here: the stage fails with
 * {@link NotDueException} and the record comes back once that claim may have ended.
 */
public final class OutboundDispatcher implements ReliableConsumer.Handler<OutboundSubmit> {
    private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);
    private static final String TIMEOUT = "TIMEOUT";

    private final CarrierLink link;
    private final PartClaims claims;
    private final LeaseKeeper leases;
    private final ReceiptCorrelator correlator;
    private final InboundSink inbound;
    private final LinkHealthReporter health;
    private final Publisher publisher;
    private final TextSeal seal;
    private final Backoff retryBackoff;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
    private RecordTracing tracing = RecordTracing.OFF;

    public OutboundDispatcher(CarrierLink link, PartClaims claims, ScheduledExecutorService scheduler,
                              ReceiptCorrelator correlator, InboundSink inbound, LinkHealthReporter health,
                              Publisher publisher, TextSeal seal, Backoff retryBackoff, MeterRegistry meters, Clock clock) {
        this.link = link;
        this.claims = claims;
        this.leases = new LeaseKeeper(claims, scheduler, meters, link.settings().id());
        this.correlator = correlator;
        this.inbound = inbound;
        this.health = health;
        this.publisher = publisher;
        this.seal = seal;
        this.retryBackoff = retryBackoff;
        this.meters = meters;
        this.clock = clock;
    }

    /** Each submit's round trip to the carrier becomes a span of the record's trace; call before use. */
    public OutboundDispatcher tracedBy(RecordTracing tracing) {
        this.tracing = tracing;
        return this;
    }

    @Override
    public CompletionStage<?> handle(Received<OutboundSubmit> record) {
        OutboundSubmit part = record.value();
        if (part.recipients().isEmpty()) {
            throw new PoisonRecordException("outbound part " + part.dedupKey() + " has no recipients");
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(part.dedupKey(), outcome);
        if (running != null) {
            // handed over again before the first submit was answered (a consumer rewound after a
            // transient failure): this instance holds the claims, so the repeat shares the outcome
            countDuplicate();
            return running;
        }
        // the claims are answered on a Redis thread: what follows continues the record's trace there
        RecordTrace trace = record.trace();
        claim(part).thenComposeAsync(claimed -> dispatch(part, claimed, trace), trace).whenComplete((result, error) -> {
            inFlight.remove(part.dedupKey(), outcome);
            if (error != null) {
                outcome.completeExceptionally(error);
            } else {
                outcome.complete(result);
            }
        });
        return outcome;
    }

    /**
     * Claims every recipient's key (recipients of records written before batching share the part's key); which
     * recipients this instance may submit, how many keys another instance holds, and the keys settled earlier.
     */
    private CompletableFuture<Claimed> claim(OutboundSubmit part) {
        Map<String, CompletableFuture<PartClaims.Found>> found = new LinkedHashMap<>();
        Map<String, PartClaims.Claim> attempts = new LinkedHashMap<>();
        for (Recipient recipient : part.recipients()) {
            String key = recipient.dedupKeyIn(part);
            if (!attempts.containsKey(key)) {
                PartClaims.Claim claim = claims.newClaim(key);
                attempts.put(key, claim);
                found.put(key, claims.take(claim).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(found.values().toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, PartClaims.Found> states = new LinkedHashMap<>();
            found.forEach((key, state) -> states.put(key, state.join()));
            List<Recipient> mine = part.recipients().stream()
                    .filter(r -> states.get(r.dedupKeyIn(part)).state() == PartClaims.State.TAKEN).toList();
            List<PartClaims.Claim> taken = attempts.values().stream()
                    .filter(c -> states.get(c.dedupKey()).state() == PartClaims.State.TAKEN).toList();
            int held = (int) states.values().stream().filter(state -> state.state() == PartClaims.State.HELD).count();
            Map<String, PartClaims.Settled> settled = new LinkedHashMap<>();
            states.forEach((key, state) -> {
                if (state.state() == PartClaims.State.DONE) {
                    settled.put(key, state.settled());
                }
            });
            return new Claimed(mine, taken, held, settled);
        });
    }

    private CompletionStage<Object> dispatch(OutboundSubmit part, Claimed claimed, RecordTrace trace) {
        CompletionStage<Object> submitted;
        if (claimed.recipients().isEmpty()) {
            if (claimed.heldElsewhere() == 0) {
                countDuplicate();
            }
            submitted = CompletableFuture.completedFuture(null);
        } else {
            OutboundSubmit mine = claimed.recipients().size() == part.recipients().size() ? part : part.withRecipients(claimed.recipients());
            submitted = submit(mine, claimed.claims(), trace);
        }
        submitted = submitted.thenCombine(rewrite(part, claimed.settledEarlier()), (done, rewritten) -> null);
        if (claimed.heldElsewhere() == 0) {
            return submitted;
        }
        // not ours to ack: if the other instance dies before the carrier answers, its lease runs out and the
        // record, handed over again, is claimed here
        meters.counter("sms_link_claims_held_elsewhere_total", "link", link.settings().id()).increment(claimed.heldElsewhere());
        Instant again = clock.instant().plus(claims.lease().dividedBy(3));
        return submitted.thenCompose(done -> CompletableFuture.failedFuture(new NotDueException(again)));
    }

    /**
     * Writes again what follows the done marker of an accepted or unanswered part (SUBMITTED and the receipt
     * correlation): the instance that settled it may have died before those writes were durable, which is why the
     * record came back. Both writes are idempotent (SUBMITTED never moves a message back; the correlation is the
     * same), so a plain duplicate costs two writes and nothing more. Retried and failed parts write first and mark
     * after, so there is nothing to write again for them.
     */
    private CompletionStage<Object> rewrite(OutboundSubmit part, Map<String, PartClaims.Settled> settled) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        settled.forEach((key, outcome) -> {
            List<Recipient> recipients = part.recipients().stream().filter(r -> r.dedupKeyIn(part).equals(key)).toList();
            if (outcome.outcome() == PartClaims.Outcome.UNKNOWN) {
                writes.add(recordUnknown(part, recipients));
            } else if (outcome.outcome() == PartClaims.Outcome.ACCEPTED && outcome.carrierIds().size() == recipients.size()) {
                writes.add(recordAccepted(part, recipients, outcome.carrierIds(), outcome.sharedId()));
            } else {
                return;
            }
            meters.counter("sms_link_settled_rewrites_total", "link", link.settings().id()).increment();
        });
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(ok -> null);
    }

    private void countDuplicate() {
        meters.counter("sms_link_duplicates_suppressed_total", "link", link.settings().id()).increment();
    }

    private CompletionStage<Object> submit(OutboundSubmit part, List<PartClaims.Claim> held, RecordTrace trace) {
        OutboundSubmit clear;
        try {
            clear = part.openedWith(seal);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(new PoisonRecordException("part " + part.dedupKey() + ": " + e.getMessage()
                    + " (is " + TextSeal.SETTING + " the router's key?)", e));
        }
        Timer.Sample sample = Timer.start(meters);
        Runnable stopRenewing = leases.keep(held);
        RecordTracing.Step roundTrip = tracing.startStep("carrier submit", trace).tag("link", link.settings().id())
                .tag("recipients", String.valueOf(part.recipients().size()));
        return link.submit(clear).whenComplete((result, error) -> {
            stopRenewing.run();
            roundTrip.tag("result", result == null ? null : result.getClass().getSimpleName()).end(error);
        }).thenComposeAsync(result -> {
            sample.stop(meters.timer("sms_link_submit_latency", "link", link.settings().id()));
            if (result instanceof SubmitResult.Accepted accepted) {
                count("accepted");
                List<String> ids = carrierIds(part, accepted);
                boolean sharedId = accepted.byPhone() || Set.copyOf(ids).size() < ids.size();
                return settle(held, claim -> PartClaims.Settled.accepted(idsOf(part, ids, claim.dedupKey()), sharedId))
                        .thenComposeAsync(ok -> recordAccepted(part, part.recipients(), ids, sharedId), trace);
            }
            SubmitResult.Rejected rejected = (SubmitResult.Rejected) result;
            if (TIMEOUT.equals(rejected.rawResult())) {
                count("unknown");
                log.warn("part {} of link {} got no answer ({}): outcome unknown, not submitted again", part.dedupKey(),
                        part.linkId(), rejected.detail());
                return settle(held, claim -> PartClaims.Settled.of(PartClaims.Outcome.UNKNOWN))
                        .thenComposeAsync(ok -> recordUnknown(part, part.recipients()), trace);
            }
            return rejected.retryable()
                    ? settleAfter(held, PartClaims.Outcome.RETRIED, retry(part, rejected))
                    : settleAfter(held, PartClaims.Outcome.FAILED, failed(part, rejected));
        }, trace);
    }

    /** Each recipient's carrier id, in the part's order (a carrier that answers one id gives it to every recipient). */
    private static List<String> carrierIds(OutboundSubmit part, SubmitResult.Accepted accepted) {
        List<String> answered = accepted.carrierMessageIds();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < part.recipients().size(); i++) {
            ids.add(answered.get(Math.min(i, answered.size() - 1)));
        }
        return ids;
    }

    /** The ids of the recipients under one dedup key, in the part's order. */
    private static List<String> idsOf(OutboundSubmit part, List<String> ids, String dedupKey) {
        List<String> under = new ArrayList<>();
        for (int i = 0; i < part.recipients().size(); i++) {
            if (part.recipients().get(i).dedupKeyIn(part).equals(dedupKey)) {
                under.add(ids.get(i));
            }
        }
        return under;
    }

    /**
     * Marks the parts done: from here on no instance submits them again. Should Redis fail here, the claims stay
     * leased until their lease ends; the record is handed over again and, once free, submitted again.
     */
    private CompletableFuture<Void> settle(List<PartClaims.Claim> held, Function<PartClaims.Claim, PartClaims.Settled> settled) {
        CompletableFuture<?>[] marks = held.stream().map(claim -> {
            PartClaims.Settled outcome = settled.apply(claim);
            return claims.finish(claim, outcome).toCompletableFuture().thenAccept(stillOurs -> {
                if (!stillOurs) {
                    meters.counter("sms_link_claims_lost_total", "link", link.settings().id()).increment();
                    log.warn("part {} on link {} was settled ({}) after its lease had run out", claim.dedupKey(),
                            link.settings().id(), outcome.outcome());
                }
            });
        }).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(marks);
    }

    /**
     * Marks the parts done once {@code written} (the retry or the FAILED status) is durable. If it is not, the
     * carrier has refused the part for sure and nothing says so yet: the claims are released, so that the
     * record, handed over again, is submitted again.
     */
    private CompletionStage<Object> settleAfter(List<PartClaims.Claim> held, PartClaims.Outcome outcome, CompletionStage<?> written) {
        return written.handle((ok, error) -> {
            if (error == null) {
                return settle(held, claim -> PartClaims.Settled.of(outcome)).thenApply(done -> (Object) null);
            }
            held.forEach(claim -> claims.release(claim).exceptionally(releaseError -> {
                log.warn("cannot release part {} on link {}; it is free again when its lease ends: {}", claim.dedupKey(),
                        link.settings().id(), releaseError.toString());
                return false;
            }));
            return CompletableFuture.failedFuture(error);
        }).thenCompose(next -> next);
    }

    /** SUBMITTED with the carrier's id, and the correlation its receipt will find (which hands over an early one). */
    private CompletableFuture<Object> recordAccepted(OutboundSubmit part, List<Recipient> recipients, List<String> carrierIds,
                                                     boolean sharedId) {
        Instant now = clock.instant();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            Recipient recipient = recipients.get(i);
            String carrierId = carrierIds.get(i);
            writes.add(publisher.publish(Topics.STATUS, recipient.messageId(), status(part, recipient,
                    MessageStatus.SUBMITTED, carrierId, "0", null)));
            writes.add(correlator.register(link.settings().receiptScope(), correlation(part, recipient, carrierId, now), sharedId)
                    .toCompletableFuture().thenAccept(early -> early.ifPresent(inbound::onReceipt)));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(ok -> null);
    }

    /** SUBMITTED without a carrier id, as the carrier may have taken it; its receipt is matched by the phone. */
    private CompletableFuture<Object> recordUnknown(OutboundSubmit part, List<Recipient> recipients) {
        Instant now = clock.instant();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (Recipient recipient : recipients) {
            writes.add(publisher.publish(Topics.STATUS, recipient.messageId(), status(part, recipient,
                    MessageStatus.SUBMITTED, null, TIMEOUT, "no answer from the carrier: outcome unknown, not submitted again")));
            writes.add(correlator.registerUnanswered(link.settings().receiptScope(), correlation(part, recipient, null, now))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(ok -> null);
    }

    private static Correlation correlation(OutboundSubmit part, Recipient recipient, String carrierId, Instant now) {
        return new Correlation(recipient.messageId(), recipient.phone(), part.segmentNumber(), part.segmentCount(),
                part.carrier(), part.linkId(), carrierId, now, recipient.origin());
    }

    private CompletionStage<?> retry(OutboundSubmit part, SubmitResult.Rejected rejected) {
        count("retry");
        if (rejected.flowControl()) {
            health.flowControl(link.settings().id());
        }
        int next = part.attempt() + 1;
        List<Recipient> recipients = part.recipients().stream()
                .map(r -> r.withDedupKey(PartKey.parse(r.dedupKeyIn(part)).withAttempt(next).toString()))
                .toList();
        OutboundSubmit again = part.nextAttempt(PartKey.parse(part.dedupKey()).withAttempt(next).toString(), recipients,
                clock.instant().plus(retryBackoff.delay(part.failedAttempts() + 1)), rejected.rawResult(),
                rejected.flowControl());
        log.info("part {} of link {} will be retried (attempt {}): {}", part.dedupKey(), part.linkId(), next, rejected.rawResult());
        return publisher.publish(Topics.RETRY, part.recipients().get(0).phone(), again);
    }

    private CompletionStage<?> failed(OutboundSubmit part, SubmitResult.Rejected rejected) {
        count("failed");
        CompletableFuture<?>[] writes = part.recipients().stream()
                .map(r -> publisher.publish(Topics.STATUS, r.messageId(),
                        status(part, r, MessageStatus.FAILED, null, rejected.rawResult(), rejected.detail())))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(writes);
    }

    private StatusEvent status(OutboundSubmit part, Recipient recipient, MessageStatus status, String carrierId,
                               String raw, String detail) {
        return new StatusEvent(StatusEvent.VERSION, recipient.messageId(), recipient.phone(), part.segmentNumber(),
                part.segmentCount(), status, part.carrier(), part.linkId(), carrierId, raw, detail, clock.instant(),
                recipient.origin());
    }

    private void count(String result) {
        meters.counter("sms_link_submits_total", "link", link.settings().id(), "result", result).increment();
    }

    /**
     * The recipients this instance claimed and will submit, how many keys another instance holds, and how the keys
     * settled earlier ended (by dedup key).
     */
    private record Claimed(List<Recipient> recipients, List<PartClaims.Claim> claims, int heldElsewhere,
                           Map<String, PartClaims.Settled> settledEarlier) {
    }
}
