package org.sms1069.gateway.dispatch;

import org.sms1069.model.PoisonRecordException;
import org.sms1069.messaging.Received;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.dlr.Correlation;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.retry.Backoff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Consumes {@code sms.out.<link>} for one link: submits each part once (dedup key), and turns the
 * carrier's answer into SUBMITTED statuses and receipt correlations, a retry on {@code sms.retry},
 * or FAILED. The stage completes only when that outcome is durable, so the offset is committed after it.
 */
public final class OutboundDispatcher implements ReliableConsumer.Handler<OutboundSubmit> {
    private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);

    private final CarrierLink link;
    private final DedupStore dedup;
    private final ReceiptCorrelator correlator;
    private final InboundSink inbound;
    private final LinkHealthReporter health;
    private final Publisher publisher;
    private final Backoff retryBackoff;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    public OutboundDispatcher(CarrierLink link, DedupStore dedup, ReceiptCorrelator correlator, InboundSink inbound,
                              LinkHealthReporter health, Publisher publisher, Backoff retryBackoff, MeterRegistry meters, Clock clock) {
        this.link = link;
        this.dedup = dedup;
        this.correlator = correlator;
        this.inbound = inbound;
        this.health = health;
        this.publisher = publisher;
        this.retryBackoff = retryBackoff;
        this.meters = meters;
        this.clock = clock;
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
            // transient failure): the dedup key is not marked yet, so the repeat shares the outcome
            countDuplicate();
            return running;
        }
        notYetSubmitted(part).<Object>thenCompose(pending -> {
            if (pending.isEmpty()) {
                countDuplicate();
                return CompletableFuture.completedFuture(null);
            }
            return submit(pending.size() == part.recipients().size() ? part : part.withRecipients(pending));
        }).whenComplete((result, error) -> {
            inFlight.remove(part.dedupKey(), outcome);
            if (error != null) {
                outcome.completeExceptionally(error);
            } else {
                outcome.complete(result);
            }
        });
        return outcome;
    }

    /** The part's recipients whose key the carrier has not accepted yet (all of them, normally). */
    private CompletableFuture<List<Recipient>> notYetSubmitted(OutboundSubmit part) {
        List<CompletableFuture<Boolean>> checks = part.recipients().stream()
                .map(r -> dedup.alreadySubmitted(r.dedupKeyIn(part)).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Recipient> pending = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                if (!checks.get(i).join()) {
                    pending.add(part.recipients().get(i));
                }
            }
            return pending;
        });
    }

    private void countDuplicate() {
        meters.counter("sms_link_duplicates_suppressed_total", "link", link.settings().id()).increment();
    }

    private CompletionStage<Object> submit(OutboundSubmit part) {
        Timer.Sample sample = Timer.start(meters);
        return link.submit(part).<Object>thenCompose(result -> {
            sample.stop(meters.timer("sms_link_submit_latency", "link", link.settings().id()));
            if (result instanceof SubmitResult.Accepted accepted) {
                return accepted(part, accepted).thenApply(done -> done);
            }
            SubmitResult.Rejected rejected = (SubmitResult.Rejected) result;
            return (rejected.retryable() ? retry(part, rejected) : failed(part, rejected)).thenApply(done -> done);
        });
    }

    private CompletionStage<?> accepted(OutboundSubmit part, SubmitResult.Accepted accepted) {
        count("accepted");
        Instant now = clock.instant();
        boolean sharedId = Set.copyOf(accepted.carrierMessageIds()).size() < part.recipients().size();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < part.recipients().size(); i++) {
            Recipient recipient = part.recipients().get(i);
            writes.add(dedup.markSubmitted(recipient.dedupKeyIn(part)).toCompletableFuture());
            String carrierId = accepted.carrierMessageIds().get(Math.min(i, accepted.carrierMessageIds().size() - 1));
            Correlation correlation = new Correlation(recipient.messageId(), recipient.phone(), part.segmentNumber(),
                    part.segmentCount(), part.carrier(), part.linkId(), carrierId, now);
            writes.add(publisher.publish(Topics.STATUS, recipient.messageId(), status(part, recipient,
                    MessageStatus.SUBMITTED, carrierId, "0", null)));
            writes.add(correlator.register(link.settings().receiptScope(), correlation, sharedId).toCompletableFuture()
                    .thenAccept(early -> early.ifPresent(inbound::onReceipt)));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private CompletionStage<?> retry(OutboundSubmit part, SubmitResult.Rejected rejected) {
        count("retry");
        if (rejected.flowControl()) {
            health.flowControl(link.settings().id());
        }
        int next = part.attempt() + 1;
        List<Recipient> recipients = part.recipients().stream()
                .map(r -> new Recipient(r.messageId(), r.phone(), retryKey(r.dedupKeyIn(part), next)))
                .toList();
        OutboundSubmit again = new OutboundSubmit(part.v(), retryKey(part.dedupKey(), next), part.linkId(),
                part.carrier(), recipients, part.sourceAddr(), part.segmentNumber(), part.segmentCount(),
                part.reference(), part.text(), next, part.expiresAt(), clock.instant().plus(retryBackoff.delay(part.attempt())),
                rejected.rawResult(), null);
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
                part.segmentCount(), status, part.carrier(), part.linkId(), carrierId, raw, detail, clock.instant());
    }

    /** "id:seg:attempt" becomes "id:seg:next"; other keys get the attempt appended. */
    static String retryKey(String dedupKey, int attempt) {
        int cut = dedupKey.lastIndexOf(':');
        String base = cut > 0 && dedupKey.substring(cut + 1).chars().allMatch(Character::isDigit)
                ? dedupKey.substring(0, cut) : dedupKey;
        return base + ":" + attempt;
    }

    private void count(String result) {
        meters.counter("sms_link_submits_total", "link", link.settings().id(), "result", result).increment();
    }
}
