package org.sms1069.gateway.dlr;

import org.sms1069.gateway.link.Receipt;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.gateway.mo.MoAssembler;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.OrphanReceipt;
import org.sms1069.model.event.StatusEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * What every link hands inbound traffic to: receipts become DELIVERED / UNDELIVERED / EXPIRED on
 * {@code sms.status}, MO goes to {@code sms.mo} (a long one once its parts are together). Each stage completes when
 * the record is durable: acknowledged by Kafka, or kept in Redis (one part of a long MO). A receipt that matches no
 * submit is parked in Redis until its submit is known and also handed on to {@code sms.receipt.orphan}, so that
 * the status store can match it should its submit's match be lost. A failure is logged, counted and returned, never thrown at the protocol thread: the link then
 * answers the carrier with a temporary failure and the carrier sends it again.
 */
public final class InboundProcessor implements InboundSink {
    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final ReceiptCorrelator correlator;
    private final MoAssembler moAssembler;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Executor publishing;

    /**
     * @param publishing where records are handed to Kafka: the producer's send blocks while the broker cannot be
     *                   reached (it waits for metadata), and callers run on Netty's and Lettuce's event loops
     */
    public InboundProcessor(ReceiptCorrelator correlator, MoAssembler moAssembler, Publisher publisher, Executor publishing,
                            MeterRegistry meters, Clock clock) {
        this.correlator = correlator;
        this.moAssembler = moAssembler;
        this.publisher = publisher;
        this.publishing = publishing;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> onReceipt(Receipt receipt) {
        meters.counter("sms_link_receipts_total", "link", receipt.linkId(), "stat", ReceiptStats.metricLabel(receipt.stat()))
                .increment();
        return correlator.match(receipt).thenCompose(found -> {
            if (found.isEmpty()) {
                log.info("receipt {} on link {} matches no submit yet; parked, and handed to the status store's lookup",
                        receipt.carrierMessageId(), receipt.linkId());
                return publish(Topics.ORPHAN_RECEIPTS, CarrierIds.canonical(receipt.carrierMessageId()), orphan(receipt));
            }
            Correlation part = found.get();
            meters.timer("sms_link_receipt_latency", "link", receipt.linkId())
                    .record(Duration.between(part.submittedAt(), clock.instant()));
            StatusEvent event = new StatusEvent(StatusEvent.VERSION, part.messageId(), part.phone(), part.segment(),
                    part.segments(), ReceiptStats.statusOf(receipt.stat()), part.carrier(), part.linkId(),
                    part.carrierMessageId(), receipt.stat(), receipt.error(), clock.instant(), part.origin());
            return publish(Topics.STATUS, part.messageId(), event);
        }).whenComplete((done, error) -> {
            if (error != null) {
                meters.counter("sms_link_receipt_errors_total", "link", receipt.linkId()).increment();
                log.error("receipt {} on link {} could not be recorded; the carrier is asked to send it again",
                        receipt.carrierMessageId(), receipt.linkId(), error);
            }
        });
    }

    private OrphanReceipt orphan(Receipt receipt) {
        return new OrphanReceipt(OrphanReceipt.VERSION, receipt.linkId(), List.copyOf(CarrierIds.prints(receipt.carrierMessageId())),
                CarrierIds.phoneDigits(receipt.phone()), ReceiptStats.statusOf(receipt.stat()), receipt.stat(),
                receipt.error(), clock.instant());
    }

    @Override
    public CompletionStage<Void> onMo(MoPart part) {
        String linkId = part.message().linkId();
        meters.counter("sms_link_mo_total", "link", linkId).increment();
        CompletionStage<Void> kept = part.isWhole()
                ? publishMo(part.message())
                : moAssembler.add(part).thenCompose(whole -> whole.isPresent()
                        ? publishAssembled(whole.get())
                        : CompletableFuture.<Void>completedFuture(null));
        return kept.whenComplete((done, error) -> {
            if (error != null) {
                meters.counter("sms_link_mo_errors_total", "link", linkId).increment();
                log.error("MO on link {} could not be recorded; the carrier is asked to send it again", linkId, error);
            }
        });
    }

    /** Hands on the long MOs that waited too long for their missing parts, with the parts that came. */
    public void sweepIncompleteMo() {
        moAssembler.sweep().thenAccept(incomplete -> incomplete.forEach(assembled -> {
            log.warn("long MO on link {} handed on without all its parts", assembled.message().linkId());
            publishAssembled(assembled).exceptionally(error -> {
                log.error("incomplete long MO on link {} could not be recorded; kept for the next sweep",
                        assembled.message().linkId(), error);
                return null;
            });
        })).exceptionally(error -> {
            log.warn("incomplete long MOs could not be swept: {}", error.toString());
            return null;
        });
    }

    /** Publishes a long MO taken from the assembler; when that fails, its parts go back so that nothing is lost. */
    private CompletionStage<Void> publishAssembled(MoAssembler.Assembled assembled) {
        return publishMo(assembled.message()).handle((done, error) -> error).thenCompose(error -> error == null
                ? CompletableFuture.<Void>completedFuture(null)
                : moAssembler.putBack(assembled).thenCompose(back -> CompletableFuture.<Void>failedFuture(error)));
    }

    private CompletionStage<Void> publishMo(MoMessage message) {
        return publish(Topics.MO, message.phone(), message);
    }

    private <T> CompletionStage<Void> publish(Topic<T> topic, String key, T value) {
        return CompletableFuture.supplyAsync(() -> publisher.publish(topic, key, value), publishing)
                .thenCompose(acked -> acked.thenApply(metadata -> (Void) null));
    }
}
