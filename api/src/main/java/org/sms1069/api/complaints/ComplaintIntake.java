package org.sms1069.api.complaints;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.audit.AuditEvent;
import org.sms1069.api.unsubscribe.Unsubscribes;
import org.sms1069.api.suspension.Suspension;
import org.sms1069.api.suspension.Suspensions;
import org.sms1069.model.phone.PhoneNumbers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A complaint and what follows from it, in one transaction: recorded against the message it is about;
 * the phone put on that app's do-not-send list; the rate of the signature and of the app over the window
 * computed, and each suspended whose rate reached {@code sms.complaints.suspend-per-million} (with at
 * least {@code min-complaints}). Complaints recorded before a scope's last lift do not count again.
 */
@Service
public class ComplaintIntake {
    private static final Logger log = LoggerFactory.getLogger(ComplaintIntake.class);

    private final ComplaintStore store;
    private final ComplaintRates rates;
    private final Suspensions suspensions;
    private final Unsubscribes unsubscribes;
    private final ComplaintProperties properties;
    private final TransactionalOperator tx;
    private final MeterRegistry meters;
    private final Clock clock;

    public ComplaintIntake(ComplaintStore store, ComplaintRates rates, Suspensions suspensions, Unsubscribes unsubscribes,
                           ComplaintProperties properties, TransactionalOperator tx, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.rates = rates;
        this.suspensions = suspensions;
        this.unsubscribes = unsubscribes;
        this.properties = properties;
        this.tx = tx;
        this.meters = meters;
        this.clock = clock;
    }

    /** The complaint as recorded, and the suspensions it caused. */
    public record Recorded(Complaint complaint, List<Suspension> suspensions) {
    }

    /** Records the complaint; empty when the same carrier reference or reply was recorded before. */
    public Mono<Recorded> record(ComplaintStore.NewComplaint complaint) {
        return store.insert(complaint, properties.matchWindow())
                .flatMap(recorded -> recorded.matched()
                        ? consequences(complaint.phone(), recorded).map(made -> new Recorded(recorded, made))
                        : Mono.just(new Recorded(recorded, List.of())))
                .as(tx::transactional)
                .doOnNext(this::count);
    }

    public Mono<Complaint> earlier(ComplaintSource source, String carrierRef) {
        return store.byCarrierRef(source, carrierRef);
    }

    private Mono<List<Suspension>> consequences(String phone, Complaint complaint) {
        List<Suspension> made = new ArrayList<>();
        Mono<Optional<Suspension>> signature = complaint.signature() == null ? Mono.just(Optional.empty())
                : evaluate(complaint.appId(), complaint.signature());
        return unsubscribes.recordComplaint(complaint.appId(), phone)
                .then(Flux.concat(signature, evaluate(complaint.appId(), null))
                        .doOnNext(s -> s.ifPresent(made::add))
                        .then())
                .thenReturn(made);
    }

    /** Suspends the app ({@code signature} null) or signature if its rate passed the threshold; answers the new suspension. */
    private Mono<Optional<Suspension>> evaluate(String appId, String signature) {
        Instant now = clock.instant();
        return suspensions.lastLift(appId, signature)
                .flatMap(lift -> rates.of(appId, signature, now.minus(properties.rateWindow()),
                        lift.map(OffsetDateTime::toInstant).orElse(null)))
                .flatMap(rate -> {
                    if (rate.complaints() < properties.minComplaints() || rate.perMillion() < properties.suspendPerMillion()) {
                        return Mono.just(Optional.<Suspension>empty());
                    }
                    String reason = String.format("%d complaints per %d messages sent in %s: %.0f per million, the limit is %.0f",
                            rate.complaints(), rate.sent(), properties.rateWindow(), rate.perMillion(),
                            properties.suspendPerMillion());
                    return suspensions.suspend(appId, signature, reason, (int) rate.complaints(), rate.sent(), AuditEvent.SYSTEM)
                            .doOnNext(s -> {
                                meters.counter("sms_api_suspensions_total", "scope", signature == null ? "APP" : "SIGNATURE")
                                        .increment();
                                log.warn("suspended {} {}: {}", signature == null ? "app" : "signature " + signature + " of app",
                                        appId, reason);
                            })
                            .map(Optional::of).defaultIfEmpty(Optional.empty());
                });
    }

    private void count(Recorded recorded) {
        Complaint c = recorded.complaint();
        meters.counter("sms_api_complaints_total", "source", c.source().name(), "matched", String.valueOf(c.matched())).increment();
        log.info("complaint {} from {} ({}) recorded against {}", c.id(), c.maskedPhone(), c.source(),
                c.matched() ? "app " + c.appId() + " signature " + c.signature() + " message " + c.messageId() : "no message");
    }

    static String normalised(String phone) {
        return PhoneNumbers.parse(phone).number().map(n -> n.value()).orElse(null);
    }
}
