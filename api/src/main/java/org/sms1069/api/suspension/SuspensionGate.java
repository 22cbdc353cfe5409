package org.sms1069.api.suspension;

import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.api.apps.App;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.store.ComposedMessage;
import org.sms1069.api.gate.ContentGate;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suspended app or signature sends nothing: 403 SENDER_SUSPENDED naming the suspension, before the
 * content filter (a suspended sender's texts do not fill the compliance log).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SuspensionGate implements ContentGate {
    private final Suspensions suspensions;
    private final MeterRegistry meters;

    public SuspensionGate(Suspensions suspensions, MeterRegistry meters) {
        this.suspensions = suspensions;
        this.meters = meters;
    }

    @Override
    public Mono<Void> check(App app, ComposedMessage message, List<String> phones) {
        return suspensions.refusing(app.id(), message.signature()).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.empty();
            }
            Suspension s = found.get();
            meters.counter("sms_api_suspended_refusals_total", "scope", s.signature() == null ? "APP" : "SIGNATURE").increment();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("suspensionId", s.id());
            details.put("scope", s.signature() == null ? "APP" : "SIGNATURE");
            if (s.signature() != null) {
                details.put("signature", s.signature());
            }
            details.put("suspendedAt", s.createdAt().toString());
            return Mono.error(new ApiException(ErrorCode.SENDER_SUSPENDED, (s.signature() == null ? "the app is"
                    : "the signature 【" + s.signature() + "】 is") + " suspended until a compliance reviewer lifts it: "
                    + s.reason(), details));
        });
    }
}
