package org.sms1069.router.submit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.MessageType;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.event.SubmitOrigin;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.model.segment.Segments;
import org.sms1069.router.link.LinkDispatch;
import org.sms1069.router.link.LinkSelector;
import org.sms1069.router.resolve.CarrierResolver;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code sms.submit}: resolve the carrier, pick a healthy link, split, and write the parts to
 * {@code sms.out.<link>} (batched where the protocol allows), to {@code sms.scheduled} for a send time
 * ahead, or to {@code sms.retry} to wait while the carrier has no healthy link. Nothing of the message is kept:
 * each recipient names the record's place on {@code sms.submit} ({@link SubmitOrigin}), where a portability
 * re-route reads it again. One phone's messages leave in the order they came.
 */
public final class SubmitHandler implements ReliableConsumer.Handler<AcceptedMessage> {
    private static final Logger log = LoggerFactory.getLogger(SubmitHandler.class);

    private final CarrierResolver resolver;
    private final LinkDispatch dispatch;
    private final UdhReferences references;
    private final Publisher publisher;
    private final TextSeal seal;
    private final MeterRegistry meters;
    private final Clock clock;
    private final PerKeyOrder order = new PerKeyOrder();

    public SubmitHandler(CarrierResolver resolver, LinkDispatch dispatch, UdhReferences references,
                         Publisher publisher, TextSeal seal, MeterRegistry meters, Clock clock) {
        this.resolver = resolver;
        this.dispatch = dispatch;
        this.references = references;
        this.publisher = publisher;
        this.seal = seal;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public CompletionStage<?> handle(Received<AcceptedMessage> record) {
        AcceptedMessage message = open(record.value());
        PhoneNumber phone = PhoneNumbers.parse(message.phone()).number()
                .orElseThrow(() -> new PoisonRecordException("sms.submit record " + message.messageId() + " has an invalid phone"));
        CompletionStage<Plan> prepared = message.expiresAt() != null && message.expiresAt().isBefore(clock.instant())
                ? CompletableFuture.completedFuture(Plan.failed(null, "expired", "validity expired before the message could be routed"))
                : resolver.resolve(phone).thenCompose(carrier -> plan(message, phone, carrier,
                        new SubmitOrigin(record.partition(), record.offset()).toString()));
        // the plan is ready on a Redis thread: the parts published there carry the record's trace on
        return order.run(message.phone(), prepared, plan -> {
            try (var trace = record.trace().open()) {
                return issue(message, plan);
            }
        });
    }

    private CompletionStage<Plan> plan(AcceptedMessage message, PhoneNumber phone, Optional<Carrier> carrier, String origin) {
        if (carrier.isEmpty()) {
            return CompletableFuture.completedFuture(Plan.failed(null, "no-carrier", "number segment belongs to no known carrier"));
        }
        LinkSelector.Route route = dispatch.route(carrier.get(), phone.value());
        if (route.configured() == null) {
            return CompletableFuture.completedFuture(Plan.failed(carrier.get(), "no-link", "no link configured for carrier " + carrier.get()));
        }
        CompletionStage<Integer> reference = Segments.count(message.text()) > 1
                ? references.referenceFor(phone.value(), message.messageId())
                : CompletableFuture.completedFuture(OutboundPlanner.udhReference(message.messageId()));
        return reference.thenApply(ref -> new Plan(carrier.get(), route,
                sealedLike(message, OutboundPlanner.plan(message, route.configured(), ref, origin)), null, null));
    }

    private AcceptedMessage open(AcceptedMessage message) {
        try {
            return message.openedWith(seal);
        } catch (IllegalStateException e) {
            throw new PoisonRecordException("sms.submit record " + message.messageId() + ": " + e.getMessage()
                    + " (is " + TextSeal.SETTING + " the api's key?)", e);
        }
    }

    /** The parts of a verification message travel sealed, like the message itself. */
    private List<OutboundSubmit> sealedLike(AcceptedMessage message, List<OutboundSubmit> parts) {
        return message.type() == MessageType.VERIFICATION ? parts.stream().map(p -> p.sealedWith(seal)).toList() : parts;
    }

    /** Runs in phone order: every send is issued before it returns. */
    private CompletionStage<?> issue(AcceptedMessage message, Plan plan) {
        if (plan.failureReason() != null) {
            return fail(message, plan.carrier(), plan.failureTag(), plan.failureReason());
        }
        Instant now = clock.instant();
        if (message.sendAt() != null && message.sendAt().isAfter(now)) {
            meters.counter("sms_router_scheduled_total", "carrier", plan.carrier().name()).increment();
            return CompletableFuture.allOf(plan.parts().stream()
                    .map(part -> publisher.publish(Topics.SCHEDULED, message.phone(), part.dueAt(message.sendAt())))
                    .toArray(CompletableFuture[]::new));
        }
        LinkSelector.Route route = plan.route();
        if (route.waiting()) {
            meters.counter("sms_router_held_total", "carrier", plan.carrier().name()).increment();
            log.debug("{}: no healthy link of {}, held", message.messageId(), plan.carrier());
        } else {
            meters.counter("sms_router_routed_total", "carrier", plan.carrier().name(), "link", route.chosen().id()).increment();
            log.debug("routed {} to {} ({} parts, phone {})", message.messageId(), route.chosen().id(), plan.parts().size(),
                    PhoneNumbers.mask(message.phone()));
        }
        return dispatch.sendNew(plan.parts(), message.phone(), route);
    }


    private CompletionStage<?> fail(AcceptedMessage message, Carrier carrier, String reasonTag, String reason) {
        meters.counter("sms_router_failed_total", "reason", reasonTag).increment();
        StatusEvent failed = new StatusEvent(StatusEvent.VERSION, message.messageId(), message.phone(), 0,
                message.segments(), MessageStatus.FAILED, carrier, null, null, null, reason, clock.instant());
        return publisher.publish(Topics.STATUS, message.messageId(), failed);
    }

    private record Plan(Carrier carrier, LinkSelector.Route route, List<OutboundSubmit> parts, String failureTag,
                        String failureReason) {
        static Plan failed(Carrier carrier, String tag, String reason) {
            return new Plan(carrier, null, List.of(), tag, reason);
        }
    }
}
