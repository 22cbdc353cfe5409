package org.sms1069.api.submit;

import org.sms1069.api.gate.ContentGate;
import org.sms1069.api.store.ComposedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.apps.App;
import org.sms1069.api.apps.AppService;
import org.sms1069.api.auth.NonceClaim;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.limits.FrequencyLimiter;
import org.sms1069.api.logging.RequestLogContext;
import org.sms1069.api.mo.MoReplies;
import org.sms1069.api.unsubscribe.Unsubscribes;
import org.sms1069.api.store.MessageStore;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.MessageIds;
import org.sms1069.model.MessageType;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.phone.NumberSegments;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.model.segment.Segments;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A send, step by step: check the reply it answers, if any ({@link MoReplies}), compose the text (template or allowed text, approved signature), check it,
 * validate the phones, drop unsubscribed ones, apply frequency limits, record each message as
 * ACCEPTED, queue it on {@code sms.submit} and answer only when Kafka has it. A message whose queueing
 * fails is marked FAILED, gives its frequency slot back and is answered in {@code rejected} as
 * NOT_QUEUED; when no message was queued the request gets 503: nothing was sent, the client may retry.
 */
@Service
public class SendService {
    private static final Logger log = LoggerFactory.getLogger(SendService.class);
    private static final Duration MAX_VALIDITY = Duration.ofDays(3);
    private static final Duration MAX_SCHEDULE = Duration.ofDays(7);
    private static final int RETRY_AFTER_NOT_QUEUED = 5;

    private final AppService apps;
    private final MessageComposer composer;
    private final List<ContentGate> gates;
    private final Unsubscribes unsubscribes;
    private final MoReplies replies;
    private final FrequencyLimiter limiter;
    private final MessageStore store;
    private final Publisher publisher;
    private final NumberSegments segments;
    private final ApiProperties properties;
    private final TextSeal seal;
    private final MeterRegistry meters;
    private final Clock clock;

    public SendService(AppService apps, MessageComposer composer, ObjectProvider<ContentGate> gates, Unsubscribes unsubscribes,
                       MoReplies replies, FrequencyLimiter limiter, MessageStore store, Publisher publisher, NumberSegments segments,
                       ApiProperties properties, MeterRegistry meters, Clock clock) {
        this.apps = apps;
        this.composer = composer;
        this.gates = gates.orderedStream().toList();
        this.unsubscribes = unsubscribes;
        this.replies = replies;
        this.limiter = limiter;
        this.store = store;
        this.publisher = publisher;
        this.segments = segments;
        this.properties = properties;
        this.seal = properties.kafka().textSeal();
        this.meters = meters;
        this.clock = clock;
    }

    public Mono<SendResponse> send(String appId, SendRequest request) {
        validate(request);
        return apps.cached(appId)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.FORBIDDEN, "the key's app no longer exists")))
                .flatMap(app -> replies.carrierLinkId(app.id(), request.inReplyTo(), request.phones())
                        .flatMap(carrierLinkId -> composer.compose(app, request)
                                .map(message -> oneCodeOnePhone(message, request))
                                .flatMap(message -> checkContent(app, message, request.phones()))
                                .flatMap(message -> accept(app, request, message, carrierLinkId.orElse(null)))));
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

    private Mono<SendResponse> accept(App app, SendRequest request, ComposedMessage message, String carrierLinkId) {
        Recipients recipients = Recipients.parse(request.phones());
        // an unsubscribe stops notifications and reminders; a complaint every type but verification codes
        Mono<Set<String>> unsubscribed = message.type() == MessageType.VERIFICATION ? Mono.just(Set.of())
                : unsubscribes.among(app.id(), recipients.valid().keySet(), message.type() == MessageType.PUBLIC_WELFARE);
        return unsubscribed.flatMap(optedOut -> {
            List<SendResponse.Refused> refused = new ArrayList<>(recipients.refused());
            Map<String, String> candidates = new LinkedHashMap<>();
            recipients.valid().forEach((phone, input) -> {
                if (optedOut.contains(phone)) {
                    refused.add(new SendResponse.Refused(input, SendResponse.Code.UNSUBSCRIBED,
                            "the recipient unsubscribed from (or complained about) this app's messages"));
                } else {
                    candidates.put(phone, input);
                }
            });
            if (candidates.isEmpty()) {
                return Mono.error(new ApiException(ErrorCode.NO_VALID_RECIPIENT, "none of the phones can receive this message",
                        Map.of("rejected", refused)));
            }
            return limit(app, message, candidates, refused)
                    .flatMap(allowed -> record(app, request, message, carrierLinkId, allowed, refused));
        });
    }

    /** A phone that passed the frequency limits: as the app wrote it, its message id and the slot it holds. */
    private record Allowed(String input, String messageId, FrequencyLimiter.Slot slot) {
    }

    /**
     * Applies the frequency limits to all phones in one Redis round trip, which also records the
     * request's deferred nonce; a request whose every phone is refused answers 429.
     */
    private Mono<Map<String, Allowed>> limit(App app, ComposedMessage message, Map<String, String> candidates,
                                            List<SendResponse.Refused> refused) {
        List<FrequencyLimiter.Candidate> messages = new ArrayList<>(candidates.size());
        candidates.keySet().forEach(phone -> messages.add(new FrequencyLimiter.Candidate(phone, MessageIds.next(clock))));
        return NonceClaim.current()
                .flatMap(nonce -> limiter.acquire(app.id(), app.settings(), messages, message.type(), message.text(),
                        nonce.orElse(null)))
                .flatMap(verdicts -> {
                    Map<String, Allowed> allowed = new LinkedHashMap<>();
                    FrequencyLimiter.Verdict firstRefusal = null;
                    for (int i = 0; i < messages.size(); i++) {
                        String phone = messages.get(i).phone();
                        FrequencyLimiter.Verdict verdict = verdicts.get(i);
                        if (verdict.allowed()) {
                            allowed.put(phone, new Allowed(candidates.get(phone), messages.get(i).messageId(), verdict.slot()));
                        } else {
                            firstRefusal = firstRefusal == null ? verdict : firstRefusal;
                            meters.counter("sms_api_rate_limited_total", "limit", verdict.limit()).increment();
                            refused.add(new SendResponse.Refused(candidates.get(phone), SendResponse.Code.RATE_LIMITED, "frequency limit "
                                    + verdict.limit() + ", retry after " + seconds(verdict.retryAfter()) + " s"));
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

    private Mono<SendResponse> record(App app, SendRequest request, ComposedMessage message, String carrierLinkId,
                                      Map<String, Allowed> allowed, List<SendResponse.Refused> refused) {
        Instant now = clock.instant();
        Instant start = request.sendAt() != null && request.sendAt().isAfter(now) ? request.sendAt() : now;
        Instant expiresAt = start.plus(request.validity() == null ? properties.limits().defaultValidity() : request.validity());
        String sourceAddr = properties.number() + app.extension();
        int segmentCount = Segments.count(message.text());
        List<AcceptedMessage> accepted = new ArrayList<>();
        Map<String, SendResponse.Accepted> answers = new LinkedHashMap<>();
        allowed.forEach((phone, a) -> {
            accepted.add(new AcceptedMessage(AcceptedMessage.VERSION, a.messageId(), app.id(), message.type(), phone, message.text(),
                    sourceAddr, segmentCount, request.clientRef(), now, expiresAt, start.isAfter(now) ? start : null, 0, false,
                    carrierLinkId));
            answers.put(a.messageId(), new SendResponse.Accepted(phone, a.messageId(), segmentCount,
                    segments.carrierOf(PhoneNumbers.parse(phone).number().orElseThrow()).orElse(null)));
        });
        Map<String, Allowed> byId = new LinkedHashMap<>();
        allowed.values().forEach(a -> byId.put(a.messageId(), a));
        return store.insertAccepted(accepted, message)
                .onErrorResume(error -> release(byId.values()).then(Mono.error(error)))
                .then(Mono.defer(() -> queue(accepted)))
                .<List<AcceptedMessage>>handle((notQueued, sink) -> {
                    log.debug("{} of {} messages queued", accepted.size() - notQueued.size(), accepted.size());
                    sink.next(notQueued);
                })
                .flatMap(notQueued -> {
                    notQueued.forEach(m -> {
                        answers.remove(m.messageId());
                        refused.add(new SendResponse.Refused(byId.get(m.messageId()).input(), SendResponse.Code.NOT_QUEUED,
                                "the message could not be queued; nothing was sent to this phone, retry it later"));
                    });
                    meters.counter("sms_api_accepted_total", "type", message.type().name()).increment(answers.size());
                    if (notQueued.isEmpty()) {
                        return Mono.just(new SendResponse(List.copyOf(answers.values()), refused));
                    }
                    Mono<Void> undo = store.markFailed(notQueued.stream().map(AcceptedMessage::messageId).toList(),
                                    "not queued: message broker unavailable")
                            .then(release(notQueued.stream().map(m -> byId.get(m.messageId())).toList()));
                    return answers.isEmpty()
                            ? undo.then(Mono.error(new ApiException(ErrorCode.UNAVAILABLE,
                                    "the message could not be queued; nothing was sent, retry later",
                                    Map.of("retryAfterSeconds", RETRY_AFTER_NOT_QUEUED))))
                            : undo.thenReturn(new SendResponse(List.copyOf(answers.values()), refused));
                })
                .contextWrite(RequestLogContext.messages(byId.keySet()));
    }

    /** Publishes one record per message; answers the messages Kafka did not acknowledge. */
    private Mono<List<AcceptedMessage>> queue(List<AcceptedMessage> messages) {
        return Flux.fromIterable(messages)
                .flatMap(m -> RequestLogContext.restored(() -> Mono.fromFuture(
                                publisher.publish(Topics.SUBMIT, m.phone(), m.sealedWith(seal))))
                        .then(Mono.<Map.Entry<AcceptedMessage, Throwable>>empty())
                        .onErrorResume(error -> Mono.just(Map.entry(m, error))), 64)
                .collectList()
                .handle((failures, sink) -> {
                    if (!failures.isEmpty()) {
                        log.error("cannot queue {} of {} messages on {}, e.g. {}: {}", failures.size(), messages.size(),
                                Topics.SUBMIT, failures.get(0).getKey().messageId(), failures.get(0).getValue().toString());
                        meters.counter("sms_api_queue_failures_total").increment(failures.size());
                    }
                    sink.next(failures.stream().map(Map.Entry::getKey).toList());
                });
    }

    /** Gives back the frequency slots of messages that were not queued; a failure here must not change the answer. */
    private Mono<Void> release(Collection<Allowed> notQueued) {
        return limiter.release(notQueued.stream().map(Allowed::slot).toList())
                .onErrorResume(error -> RequestLogContext.restored(() -> {
                    log.warn("cannot give back {} frequency slots: {}", notQueued.size(), error.toString());
                    meters.counter("sms_api_frequency_release_failures_total").increment();
                    return Mono.empty();
                }));
    }

    /** Decided on the composed type: a VERIFICATION template sent without {@code type} is held to it too. */
    private static ComposedMessage oneCodeOnePhone(ComposedMessage message, SendRequest request) {
        if (message.type() == MessageType.VERIFICATION && request.phones().size() != 1) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "a verification code goes to exactly one phone");
        }
        return message;
    }

    private void validate(SendRequest request) {
        ApiProperties.Limits limits = properties.limits();
        if (request.phones().size() > limits.maxPhones()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "at most " + limits.maxPhones() + " phones per request, got "
                    + request.phones().size());
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
                    refused.add(new SendResponse.Refused(input, SendResponse.Code.INVALID_PHONE, parsed.error()));
                } else if (valid.putIfAbsent(parsed.number().map(PhoneNumber::value).orElseThrow(), input) != null) {
                    refused.add(new SendResponse.Refused(input, SendResponse.Code.DUPLICATE_PHONE,
                            "duplicate of an earlier phone in this request"));
                }
            }
            return new Recipients(valid, refused);
        }
    }
}
