package org.sms1069.api.mo;

import org.sms1069.api.unsubscribe.Unsubscribes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.apps.App;
import org.sms1069.api.apps.AppService;
import org.sms1069.api.callback.CallbackOutbox;
import org.sms1069.api.complaints.ComplaintIntake;
import org.sms1069.api.complaints.ComplaintSource;
import org.sms1069.api.complaints.ComplaintStore;
import org.sms1069.api.complaints.ComplaintWords;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.json.SmsJson;
import org.sms1069.model.phone.PhoneNumbers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A reply from a phone, from {@code sms.mo}: routed to the app whose number (1069 number + extension)
 * it was sent to, stored, an unsubscribe word recorded, a complaint word recorded as a complaint
 * (ComplaintIntake), and an MO callback queued, all in one
 * transaction that a redelivered reply finds already done.
 */
@Service
public class MoIntake {
    private static final Logger log = LoggerFactory.getLogger(MoIntake.class);
    /** Compared after trimming and upper-casing. */
    static final Set<String> UNSUBSCRIBE_WORDS = Set.of("T", "TD", "N", "退订");
    /** {@code mo_messages.carrier_link_id}. */
    private static final int CARRIER_LINK_ID_COLUMN = 20;

    private final AppService apps;
    private final MoStore store;
    private final Unsubscribes unsubscribes;
    private final CallbackOutbox callbacks;
    private final ComplaintIntake complaints;
    private final TransactionalOperator tx;
    private final ApiProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public MoIntake(AppService apps, MoStore store, Unsubscribes unsubscribes, CallbackOutbox callbacks, ComplaintIntake complaints,
                    TransactionalOperator tx, ApiProperties properties, MeterRegistry meters, Clock clock) {
        this.complaints = complaints;
        this.apps = apps;
        this.store = store;
        this.unsubscribes = unsubscribes;
        this.callbacks = callbacks;
        this.tx = tx;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** The unsubscribe word the text is, if it is one. */
    static Optional<String> unsubscribeWord(String text) {
        String word = text.strip().toUpperCase(Locale.ROOT);
        return UNSUBSCRIBE_WORDS.contains(word) ? Optional.of(word) : Optional.empty();
    }

    /** @throws PoisonRecordException for a record that can never be stored (dead-lettered by the consumer) */
    public Mono<Void> accept(MoMessage mo) {
        if (mo.phone() == null || mo.phone().isBlank() || mo.destination() == null || mo.destination().isBlank()
                || mo.text() == null) {
            throw new PoisonRecordException("MO without phone, destination or text");
        }
        if (mo.destination().length() > 21) {
            throw new PoisonRecordException("MO destination longer than 21 digits");
        }
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(mo.phone());
        String phone = parsed.number().map(n -> n.value()).orElse(mo.phone().strip());
        if (phone.length() > 20) {
            throw new PoisonRecordException("MO phone longer than 20 characters");
        }
        Instant at = mo.at() != null ? mo.at() : clock.instant();
        String carrier = mo.carrier() == null ? null : mo.carrier().name();
        return apps.findByDestination(properties.number(), mo.destination())
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(app -> store.insert(app.map(App::id).orElse(null), phone, mo.destination(), mo.text(), carrier, at,
                                mo.carrierMessageId(), carrierLinkId(mo))
                        .flatMap(id -> (app.isEmpty() ? complaint(null, id, phone, mo.text(), at) : routed(app, id, phone, mo, carrier, at))
                                .thenReturn(true))
                        .as(tx::transactional)
                        .doOnNext(stored -> {
                            meters.counter("sms_api_mo_received_total").increment();
                            if (app.isEmpty()) {
                                meters.counter("sms_api_mo_unrouted_total").increment();
                                log.warn("MO from {} to {} matches no app; stored without one", PhoneNumbers.mask(phone),
                                        mo.destination());
                            }
                        }))
                .then();
    }

    /** A LinkID wider than its column (no gateway writes one) is left out rather than costing the reply itself. */
    private static String carrierLinkId(MoMessage mo) {
        String linkId = mo.carrierLinkId();
        if (linkId != null && linkId.length() > CARRIER_LINK_ID_COLUMN) {
            log.warn("MO {} carries a LinkID of {} characters; stored without it", mo.carrierMessageId(), linkId.length());
            return null;
        }
        return linkId;
    }

    private Mono<Void> routed(Optional<App> app, long id, String phone, MoMessage mo, String carrier, Instant at) {
        if (app.isEmpty()) {
            return Mono.empty();
        }
        String appId = app.get().id();
        Optional<String> word = unsubscribeWord(mo.text());
        ObjectNode payload = SmsJson.mapper().createObjectNode()
                .put("moId", id)
                .put("phone", phone)
                .put("destination", mo.destination())
                .put("text", mo.text())
                .put("carrier", carrier)
                .put("receivedAt", at.toString())
                .put("unsubscribe", word.isPresent())
                .put("complaint", ComplaintWords.in(mo.text()).isPresent());
        Mono<Void> unsubscribe = word.map(w -> unsubscribes.record(appId, phone, w).doOnSuccess(done -> {
            meters.counter("sms_api_unsubscribes_total").increment();
            log.info("phone {} unsubscribed from app {}", PhoneNumbers.mask(phone), appId);
        })).orElse(Mono.empty());
        return unsubscribe.then(complaint(appId, id, phone, mo.text(), at)).then(callbacks.enqueue(appId, CallbackOutbox.MO, payload));
    }

    /** A reply with a complaint word is a complaint about the app it answered (also when it is not routed: any app). */
    private Mono<Void> complaint(String appId, long moId, String phone, String text, Instant at) {
        return ComplaintWords.in(text)
                .map(word -> complaints.record(new ComplaintStore.NewComplaint(phone, at, ComplaintSource.USER_REPLY, null,
                        text.length() <= 500 ? text : text.substring(0, 500), appId, moId, "mo:" + moId)).then())
                .orElse(Mono.empty());
    }
}
