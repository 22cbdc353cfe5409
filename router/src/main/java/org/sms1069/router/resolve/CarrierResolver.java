package org.sms1069.router.resolve;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.model.Carrier;
import org.sms1069.model.phone.NumberSegments;
import org.sms1069.model.phone.PhoneNumber;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The carrier that serves a number today: a number-portability override kept in Redis wins over the
 * original carrier of the number's segment. An override that names no carrier (a bad hand edit) is
 * logged, counted and ignored, so the message still goes out on the segment's carrier.
 */
public final class CarrierResolver {
    private static final Logger log = LoggerFactory.getLogger(CarrierResolver.class);

    private final NumberSegments segments;
    private final PortabilityOverrides overrides;
    private final MeterRegistry meters;

    public CarrierResolver(NumberSegments segments, PortabilityOverrides overrides, MeterRegistry meters) {
        this.segments = segments;
        this.overrides = overrides;
        this.meters = meters;
    }

    public CompletionStage<Optional<Carrier>> resolve(PhoneNumber phone) {
        if (!phone.mainland()) {
            return CompletableFuture.completedFuture(Optional.of(Carrier.INTL));
        }
        return overrides.raw(phone).thenApply(stored -> {
            if (stored.isEmpty()) {
                return segments.carrierOf(phone);
            }
            Optional<Carrier> ported = PortabilityOverrides.parseCarrier(stored.get());
            if (ported.isEmpty()) {
                meters.counter("sms_router_portability_invalid_total").increment();
                log.warn("portability override of {} is not a carrier; using the number segment", phone.masked());
                return segments.carrierOf(phone);
            }
            return ported;
        });
    }

    /** The carrier of the number's segment, overrides aside. */
    public Optional<Carrier> original(PhoneNumber phone) {
        return segments.carrierOf(phone);
    }
}
