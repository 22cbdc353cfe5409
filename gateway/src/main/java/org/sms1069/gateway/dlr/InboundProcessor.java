package org.sms1069.gateway.dlr;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.gateway.mo.MoAssembler;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Topics;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.StatusEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every link hands inbound traffic to: receipts become DELIVERED / UNDELIVERED / EXPIRED on
 * {@code sms.status}, MO goes to {@code sms.mo} (a long one once its parts are together). Failures are logged and counted, never thrown at
 * the protocol thread; the carrier will resend what we do not acknowledge.
 */
public final class InboundProcessor implements InboundSink {
    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final ReceiptCorrelator correlator;
    private final MoAssembler moAssembler;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Consumer<String> onConnectionsChanged;

    public InboundProcessor(ReceiptCorrelator correlator, MoAssembler moAssembler, Publisher publisher, MeterRegistry meters,
                            Clock clock, Consumer<String> onConnectionsChanged) {
        this.correlator = correlator;
        this.moAssembler = moAssembler;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
        this.onConnectionsChanged = onConnectionsChanged;
    }

    @Override
    public void onReceipt(Receipt receipt) {
        meters.counter("sms_link_receipts_total", "link", receipt.linkId(), "stat", statFamily(receipt.stat())).increment();
        correlator.match(receipt).thenCompose(found -> {
            if (found.isEmpty()) {
                log.info("receipt {} on link {} matches no submit yet; parked", receipt.carrierMessageId(), receipt.linkId());
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            Correlation part = found.get();
            meters.timer("sms_link_receipt_latency", "link", receipt.linkId())
                    .record(Duration.between(part.submittedAt(), clock.instant()));
            StatusEvent event = new StatusEvent(StatusEvent.VERSION, part.messageId(), part.phone(), part.segment(),
                    part.segments(), ReceiptStats.statusOf(receipt.stat()), part.carrier(), part.linkId(),
                    part.carrierMessageId(), receipt.stat(), receipt.error(), clock.instant());
            return publisher.publish(Topics.STATUS, part.messageId(), event);
        }).exceptionally(error -> {
            meters.counter("sms_link_receipt_errors_total", "link", receipt.linkId()).increment();
            log.error("receipt {} on link {} could not be recorded", receipt.carrierMessageId(), receipt.linkId(), error);
            return null;
        });
    }

    @Override
    public void onMo(MoPart part) {
        meters.counter("sms_link_mo_total", "link", part.message().linkId()).increment();
        if (part.isWhole()) {
            publishMo(part.message());
            return;
        }
        moAssembler.add(part).thenAccept(whole -> whole.ifPresent(this::publishMo)).exceptionally(error -> {
            log.error("part of a long MO on link {} could not be kept", part.message().linkId(), error);
            return null;
        });
    }

    /** Hands on the long MOs that waited too long for their missing parts, with the parts that came. */
    public void sweepIncompleteMo() {
        moAssembler.sweep().thenAccept(incomplete -> incomplete.forEach(message -> {
            log.warn("long MO on link {} handed on without all its parts", message.linkId());
            publishMo(message);
        })).exceptionally(error -> {
            log.warn("incomplete long MOs could not be swept: {}", error.toString());
            return null;
        });
    }

    private void publishMo(MoMessage message) {
        publisher.publish(Topics.MO, message.phone(), message).exceptionally(error -> {
            log.error("MO on link {} could not be recorded", message.linkId(), error);
            return null;
        });
    }

    @Override
    public void onConnectionsChanged(String linkId) {
        onConnectionsChanged.accept(linkId);
    }

    /** "MK:0001" counts as "MK" so that metric labels stay few. */
    private static String statFamily(String stat) {
        if (stat == null || stat.isBlank()) {
            return "NONE";
        }
        int colon = stat.indexOf(':');
        return colon > 0 ? stat.substring(0, colon) : stat;
    }
}
