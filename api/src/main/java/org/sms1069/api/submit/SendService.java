package org.sms1069.api.submit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.apps.AppService;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.store.MessageStore;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.MessageIds;
import org.sms1069.model.MessageType;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.phone.NumberSegments;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;
import org.sms1069.model.segment.Segments;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a send, records each message as ACCEPTED, queues it on {@code sms.submit} and answers
 * only when Kafka has it. Messages whose queueing fails are marked FAILED and the request gets 503:
 * the client may retry without a message having been lost or queued twice.
 */
@Service
public class SendService {
    private static final Logger log = LoggerFactory.getLogger(SendService.class);
    private static final Duration MAX_VALIDITY = Duration.ofDays(3);

    private final AppService apps;
    private final MessageStore store;
    private final Publisher publisher;
    private final NumberSegments segments;
    private final ApiProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public SendService(AppService apps, MessageStore store, Publisher publisher, NumberSegments segments,
                       ApiProperties properties, MeterRegistry meters, Clock clock) {
        this.apps = apps;
        this.store = store;
        this.publisher = publisher;
        this.segments = segments;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    public Mono<SendResponse> send(String appId, SendRequest request) {
        validate(request);
        return apps.find(appId)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.FORBIDDEN, "the key's app no longer exists")))
                .flatMap(app -> accept(app, request));
    }

    private Mono<SendResponse> accept(AppService.App app, SendRequest request) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(request.validity() == null ? properties.limits().defaultValidity() : request.validity());
        String sourceAddr = properties.number() + app.extension();
        int segmentCount = Segments.count(request.text());
        List<AcceptedMessage> accepted = new ArrayList<>();
        List<SendResponse.Accepted> answers = new ArrayList<>();
        List<SendResponse.Refused> refused = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String input : request.phones()) {
            PhoneNumbers.Parsed parsed = PhoneNumbers.parse(input);
            if (!parsed.isValid()) {
                refused.add(new SendResponse.Refused(input, parsed.error()));
                continue;
            }
            PhoneNumber phone = parsed.number().get();
            if (!seen.add(phone.value())) {
                refused.add(new SendResponse.Refused(input, "duplicate of an earlier phone in this request"));
                continue;
            }
            String id = MessageIds.next(clock);
            accepted.add(new AcceptedMessage(AcceptedMessage.VERSION, id, app.id(), request.type(), phone.value(),
                    request.text(), sourceAddr, segmentCount, request.clientRef(), now, expiresAt));
            answers.add(new SendResponse.Accepted(phone.value(), id, segmentCount, segments.carrierOf(phone).orElse(null)));
        }
        if (accepted.isEmpty()) {
            return Mono.error(new ApiException(ErrorCode.NO_VALID_RECIPIENT, "none of the phones can receive SMS",
                    Map.of("rejected", refused)));
        }
        return store.insertAccepted(accepted)
                .then(queue(accepted))
                .then(Mono.fromSupplier(() -> {
                    meters.counter("sms_api_accepted_total", "type", request.type().name()).increment(accepted.size());
                    return new SendResponse(answers, refused);
                }));
    }

    private Mono<Void> queue(List<AcceptedMessage> messages) {
        return Flux.fromIterable(messages)
                .flatMap(m -> Mono.fromFuture(() -> publisher.publish(Topics.SUBMIT, m.phone(), m)), 64)
                .then()
                .onErrorResume(error -> {
                    log.error("cannot queue {} messages on {}: {}", messages.size(), Topics.SUBMIT, error.toString());
                    meters.counter("sms_api_queue_failures_total").increment();
                    return store.markFailed(messages.stream().map(AcceptedMessage::messageId).toList(),
                                    "not queued: message broker unavailable")
                            .then(Mono.error(new ApiException(ErrorCode.UNAVAILABLE,
                                    "the message could not be queued; nothing was sent, retry later",
                                    Map.of("retryAfterSeconds", 5))));
                });
    }

    private void validate(SendRequest request) {
        ApiProperties.Limits limits = properties.limits();
        if (request.phones().size() > limits.maxPhones()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "at most " + limits.maxPhones() + " phones per request, got "
                    + request.phones().size());
        }
        if (request.type() == MessageType.VERIFICATION && request.phones().size() != 1) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "a verification code goes to exactly one phone");
        }
        int length = request.text().codePointCount(0, request.text().length());
        if (length > limits.maxTextLength()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "text has " + length + " characters; at most "
                    + limits.maxTextLength() + " including the signature");
        }
        if (request.validity() != null && (request.validity().isNegative() || request.validity().isZero()
                || request.validity().compareTo(MAX_VALIDITY) > 0)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "validity must be between PT1S and P3D");
        }
    }

}
