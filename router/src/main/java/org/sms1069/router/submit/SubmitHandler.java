package org.sms1069.router.submit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.json.SmsJson;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;
import org.sms1069.router.link.LinkSelector;
import org.sms1069.router.resolve.CarrierResolver;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Consumes {@code sms.submit}: resolve carrier, pick link, split, write to {@code sms.out.<link>}. */
public final class SubmitHandler implements ReliableConsumer.Handler {
    private static final Logger log = LoggerFactory.getLogger(SubmitHandler.class);

    private final CarrierResolver resolver;
    private final LinkSelector links;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;

    public SubmitHandler(CarrierResolver resolver, LinkSelector links, Publisher publisher, MeterRegistry meters, Clock clock) {
        this.resolver = resolver;
        this.links = links;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public CompletionStage<?> handle(ConsumerRecord<String, byte[]> record) {
        AcceptedMessage message = SmsJson.read(record.value(), AcceptedMessage.class);
        PhoneNumber phone = PhoneNumbers.parse(message.phone()).number()
                .orElseThrow(() -> new IllegalArgumentException("sms.submit record " + message.messageId() + " has an invalid phone"));
        if (message.expiresAt() != null && message.expiresAt().isBefore(clock.instant())) {
            return fail(message, null, "expired", "validity expired before the message could be routed");
        }
        return resolver.resolve(phone).thenCompose(carrier -> route(message, phone, carrier));
    }

    private CompletionStage<?> route(AcceptedMessage message, PhoneNumber phone, Optional<Carrier> carrier) {
        if (carrier.isEmpty()) {
            return fail(message, null, "no-carrier", "number segment belongs to no known carrier");
        }
        Optional<LinkSettings> link = links.select(carrier.get(), phone.value());
        if (link.isEmpty()) {
            return fail(message, carrier.get(), "no-link", "no link configured for carrier " + carrier.get());
        }
        List<OutboundSubmit> parts = OutboundPlanner.plan(message, link.get());
        CompletableFuture<?>[] acks = parts.stream()
                .map(part -> publisher.publish(Topics.outbound(part.linkId()), message.phone(), part))
                .toArray(CompletableFuture[]::new);
        meters.counter("sms_router_routed_total", "carrier", carrier.get().name(), "link", link.get().id()).increment();
        log.debug("routed {} to {} ({} parts, phone {})", message.messageId(), link.get().id(), parts.size(), phone.masked());
        return CompletableFuture.allOf(acks);
    }

    private CompletionStage<?> fail(AcceptedMessage message, Carrier carrier, String reasonTag, String reason) {
        meters.counter("sms_router_failed_total", "reason", reasonTag).increment();
        StatusEvent failed = new StatusEvent(StatusEvent.VERSION, message.messageId(), message.phone(), 0,
                message.segments(), MessageStatus.FAILED, carrier, null, null, null, reason, clock.instant());
        return publisher.publish(Topics.STATUS, message.messageId(), failed);
    }
}
