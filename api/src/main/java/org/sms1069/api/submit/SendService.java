package org.sms1069.api.submit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.apps.App;
import org.sms1069.api.apps.AppService;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.limits.FrequencyLimiter;
import org.sms1069.api.mo.Unsubscribes;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A send, step by step: compose the text (template or allowed text, approved signature), check it,
 * validate the phones, drop unsubscribed ones, apply frequency limits, record each message as
 * ACCEPTED, queue it on {@code sms.submit} and answer only when Kafka has it. Messages whose queueing
 * fails are marked FAILED and the request gets 503: nothing was sent, the client may retry.
 */
@Service
public class SendService {
    private static final Logger log = LoggerFactory.getLogger(SendService.class);
    private static final Duration MAX_VALIDITY = Duration.ofDays(3);
    private static final Duration MAX_SCHEDULE = Duration.ofDays(7);

    private final AppService apps;
    private final MessageComposer composer;
    private final List<ContentGate> gates;
    private final Unsubscribes unsubscribes;
    private final FrequencyLimiter limiter;
    private final MessageStore store;
    private final Publisher publisher;
    private final NumberSegments segments;
    private final ApiProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public SendService(AppService apps, MessageComposer composer, ObjectProvider<ContentGate> gates, Unsubscribes unsubscribes,
                       FrequencyLimiter limiter, MessageStore store, Publisher publisher, NumberSegments segments,
                       ApiProperties properties, MeterRegistry meters, Clock clock) {
        this.apps = apps;
        this.composer = composer;
        this.gates = gates.orderedStream().toList();
        this.unsubscribes = unsubscribes;
        this.limiter = limiter;
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
                .flatMap(app -> composer.compose(app, request)
                        .flatMap(message -> checkContent(app, message, request.phones()))
                        .flatMap(message -> accept(app, request, message)));
    }

    private Mono<ComposedMessage> checkContent(App app, ComposedMessage message, List<String> phones) {
        int length = message.text().codePointCount(0, message.text().length());
        if (length > properties.limits().maxTextLength()) {
            return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED, "text has " + length + " characters; at most "
                    + properties.limits().maxTextLength() + " including the signature"));
        }
        Mono<ComposedMessage> checked = Mono.just(message);
        for (ContentGate gate : gates) {
            checked = checked.flatMap(m -> gate.check(app, m, phones).thenReturn(m));
        }
        return checked;
    }

    private Mono<SendResponse> accept(App app, SendRequest request, ComposedMessage message) {
        Recipients recipients = Recipients.parse(request.phones());
        boolean optOutApplies = message.type() == MessageType.NOTIFICATION || message.type() == MessageType.REMINDER;
        Mono<Set<String>> unsubscribed = optOutApplies
                ? unsubscribes.among(app.id(), recipients.valid().keySet()) : Mono.just(Set.of());
        return unsubscribed.flatMap(optedOut -> {
            List<SendResponse.Refused> refused = new ArrayList<>(recipients.refused());
            Map<String, String> candidates = new LinkedHashMap<>();
            recipients.valid().forEach((phone, input) -> {
                if (optedOut.contains(phone)) {
                    refused.add(new SendResponse.Refused(input, "the recipient unsubscribed from this app's notifications"));
                } else {
                    candidates.put(phone, input);
                }
            });
            if (candidates.isEmpty()) {
                return Mono.error(new ApiException(ErrorCode.NO_VALID_RECIPIENT, "none of the phones can receive this message",
                        Map.of("rejected", refused)));
            }
            return limit(app, message, candidates, refused)
                    .flatMap(allowed -> record(app, request, message, allowed, refused));
        });
    }

    /** Applies the frequency limits phone by phone; a single refused phone answers 429. */
    private Mono<Map<String, String>> limit(App app, ComposedMessage message, Map<String, String> candidates,
                                            List<SendResponse.Refused> refused) {
        Map<String, String> ids = new LinkedHashMap<>();
        candidates.keySet().forEach(phone -> ids.put(phone, MessageIds.next(clock)));
        return Flux.fromIterable(candidates.keySet())
                .concatMap(phone -> limiter.acquire(app.id(), app.settings(), phone, message.type(), message.text(), ids.get(phone))
                        .map(verdict -> Map.entry(phone, verdict)))
                .collectList()
                .flatMap(verdicts -> {
                    Map<String, String> allowed = new LinkedHashMap<>();
                    FrequencyLimiter.Verdict firstRefusal = null;
                    for (var entry : verdicts) {
                        if (entry.getValue().allowed()) {
                            allowed.put(entry.getKey(), ids.get(entry.getKey()));
                        } else {
                            firstRefusal = firstRefusal == null ? entry.getValue() : firstRefusal;
                            meters.counter("sms_api_rate_limited_total", "limit", entry.getValue().limit()).increment();
                            refused.add(new SendResponse.Refused(candidates.get(entry.getKey()), "frequency limit "
                                    + entry.getValue().limit() + ", retry after " + seconds(entry.getValue().retryAfter()) + " s"));
                        }
                    }
                    if (allowed.isEmpty()) {
                        return Mono.error(new ApiException(ErrorCode.RATE_LIMITED, "frequency limit " + firstRefusal.limit()
                                + " reached", Map.of("limit", firstRefusal.limit(),
                                "retryAfterSeconds", seconds(firstRefusal.retryAfter()), "rejected", refused)));
                    }
                    return Mono.just(allowed);
                });
    }

    private Mono<SendResponse> record(App app, SendRequest request, ComposedMessage message, Map<String, String> idsByPhone,
                                      List<SendResponse.Refused> refused) {
        Instant now = clock.instant();
        Instant start = request.sendAt() != null && request.sendAt().isAfter(now) ? request.sendAt() : now;
        Instant expiresAt = start.plus(request.validity() == null ? properties.limits().defaultValidity() : request.validity());
        String sourceAddr = properties.number() + app.extension();
        int segmentCount = Segments.count(message.text());
        List<AcceptedMessage> accepted = new ArrayList<>();
        List<SendResponse.Accepted> answers = new ArrayList<>();
        idsByPhone.forEach((phone, id) -> {
            accepted.add(new AcceptedMessage(AcceptedMessage.VERSION, id, app.id(), message.type(), phone, message.text(),
                    sourceAddr, segmentCount, request.clientRef(), now, expiresAt, start.isAfter(now) ? start : null));
            answers.add(new SendResponse.Accepted(phone, id, segmentCount,
                    segments.carrierOf(PhoneNumbers.parse(phone).number().orElseThrow()).orElse(null)));
        });
        return store.insertAccepted(accepted, message)
                .then(queue(accepted))
                .then(Mono.fromSupplier(() -> {
                    meters.counter("sms_api_accepted_total", "type", message.type().name()).increment(accepted.size());
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
        if (request.validity() != null && (request.validity().isNegative() || request.validity().isZero()
                || request.validity().compareTo(MAX_VALIDITY) > 0)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "validity must be between PT1S and P3D");
        }
        if (request.sendAt() != null && request.sendAt().isAfter(clock.instant().plus(MAX_SCHEDULE))) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "sendAt may be at most 7 days ahead");
        }
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    /** The request's phones: canonical valid ones (first spelling kept) and refused ones with reasons. */
    private record Recipients(Map<String, String> valid, List<SendResponse.Refused> refused) {
        static Recipients parse(List<String> inputs) {
            Map<String, String> valid = new LinkedHashMap<>();
            List<SendResponse.Refused> refused = new ArrayList<>();
            for (String input : inputs) {
                PhoneNumbers.Parsed parsed = PhoneNumbers.parse(input);
                if (!parsed.isValid()) {
                    refused.add(new SendResponse.Refused(input, parsed.error()));
                } else if (valid.putIfAbsent(parsed.number().map(PhoneNumber::value).orElseThrow(), input) != null) {
                    refused.add(new SendResponse.Refused(input, "duplicate of an earlier phone in this request"));
                }
            }
            return new Recipients(valid, refused);
        }
    }
}
