package org.sms1069.api.verification;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.apps.App;
import org.sms1069.api.apps.AppService;
import org.sms1069.api.catalog.CatalogService;
import org.sms1069.api.catalog.Template;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.submit.SendRequest;
import org.sms1069.api.submit.SendResponse;
import org.sms1069.api.submit.SendService;
import org.sms1069.model.MessageType;
import org.sms1069.model.phone.PhoneNumbers;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verification codes: made here, sent with the app's approved verification template, and remembered
 * only as a keyed hash in Redis until used, burnt or expired.
 */
@Service
public class VerificationService {
    private static final Logger log = LoggerFactory.getLogger(VerificationService.class);
    /** Variables a verification template may use; ${minutes} is filled with the code's lifetime. */
    private static final Set<String> KNOWN_VARIABLES = Set.of("code", "minutes");
    private static final HexFormat HEX = HexFormat.of();

    public enum Result { VALID, INVALID, EXPIRED, TOO_MANY_ATTEMPTS }

    public record Issued(String messageId, long expiresInSeconds) {
    }

    private final AppService apps;
    private final CatalogService catalog;
    private final SendService sends;
    private final CodeStore codes;
    private final CodeHasher hasher;
    private final VerificationProperties properties;
    private final MeterRegistry meters;

    public VerificationService(AppService apps, CatalogService catalog, SendService sends, CodeStore codes,
                               ApiProperties api, VerificationProperties properties, MeterRegistry meters) {
        this.apps = apps;
        this.catalog = catalog;
        this.sends = sends;
        this.codes = codes;
        this.hasher = new CodeHasher(api.security().masterKey());
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Sends a new code. It is stored only once the message is queued, so a refused send (frequency
     * limit, unapproved template) leaves the previous code of that phone and scene usable.
     */
    public Mono<Issued> issue(String appId, String phoneInput, String scene, String requestedSignature) {
        String phone = canonical(phoneInput);
        return apps.cached(appId)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.FORBIDDEN, "the key's app no longer exists")))
                .flatMap(app -> catalog.verificationTemplate(appId)
                        .switchIfEmpty(Mono.error(new ApiException(ErrorCode.TEMPLATE_NOT_APPROVED,
                                "this app has no approved VERIFICATION template: register one containing ${code} "
                                        + "(POST /admin/v1/apps/{id}/templates) and have it approved by compliance")))
                        .zipWith(signature(appId, requestedSignature))
                        .flatMap(ts -> send(app, phone, scene, ts.getT1(), ts.getT2())));
    }

    private Mono<Issued> send(App app, String phone, String scene, Template template, String signature) {
        List<String> unknown = template.variables().stream().filter(v -> !KNOWN_VARIABLES.contains(v)).toList();
        if (!unknown.isEmpty()) {
            return Mono.error(new ApiException(ErrorCode.TEMPLATE_NOT_APPROVED, "the approved verification template "
                    + template.id() + " has variables " + unknown + " that a verification code cannot fill; "
                    + "only ${code} and ${minutes} are allowed"));
        }
        int ttlSeconds = app.settings().codeTtlSeconds();
        String code = hasher.newCode(app.settings().codeLength(), app.settings().codeAlphabet());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        if (template.variables().contains("minutes")) {
            params.put("minutes", String.valueOf((ttlSeconds + 59) / 60));
        }
        // the message is worth nothing once the code has expired
        SendRequest request = new SendRequest(List.of(phone), template.id(), params, null, signature,
                MessageType.VERIFICATION, "verification:" + scene, null, Duration.ofSeconds(ttlSeconds), null);
        String key = CodeStore.key(app.id(), scene, phone);
        String hash = HEX.formatHex(hasher.hash(app.id(), scene, phone, code));
        return sends.send(app.id(), request)
                .flatMap(response -> messageId(response)
                        .flatMap(id -> codes.put(key, hash, Duration.ofSeconds(ttlSeconds)).thenReturn(id)))
                .handle((id, sink) -> {
                    meters.counter("sms_api_verification_codes_issued_total").increment();
                    log.info("verification code issued: app {} scene {} phone {} message {}", app.id(), scene,
                            PhoneNumbers.mask(phone), id);
                    sink.next(new Issued(id, ttlSeconds));
                });
    }

    private static Mono<String> messageId(SendResponse response) {
        if (response.messages().isEmpty()) {
            return Mono.error(new ApiException(ErrorCode.NO_VALID_RECIPIENT, "the phone cannot receive this message",
                    Map.of("rejected", response.rejected())));
        }
        return Mono.just(response.messages().get(0).messageId());
    }

    /** The requested signature if it is approved, otherwise the app's first approved one. */
    private Mono<String> signature(String appId, String requested) {
        return catalog.approvedSignatures(appId)
                .flatMap(approved -> {
                    if (requested != null && !requested.isBlank()) {
                        return approved.contains(requested) ? Mono.just(requested)
                                : Mono.error(new ApiException(ErrorCode.SIGNATURE_NOT_APPROVED,
                                "signature 【" + requested + "】 is not an approved signature of this app"));
                    }
                    return approved.isEmpty()
                            ? Mono.error(new ApiException(ErrorCode.SIGNATURE_NOT_APPROVED,
                            "this app has no approved signature to send verification codes with"))
                            : Mono.just(approved.get(0));
                });
    }

    /**
     * A code is good once: of two concurrent correct checks exactly one consumes it. Each wrong answer
     * counts; the one that reaches the limit burns the code.
     */
    public Mono<Result> check(String appId, String phoneInput, String scene, String code) {
        String phone = canonical(phoneInput);
        String key = CodeStore.key(appId, scene, phone);
        byte[] candidate = hasher.hash(appId, scene, phone, code);
        return attempt(key, candidate, true)
                .doOnNext(result -> meters.counter("sms_api_verification_checks_total", "result", result.name()).increment());
    }

    private Mono<Result> attempt(String key, byte[] candidate, boolean mayRepeat) {
        return codes.hash(key)
                .flatMap(storedHex -> {
                    if (CodeHasher.same(HEX.parseHex(storedHex), candidate)) {
                        return codes.consume(key, storedHex).map(consumed -> consumed ? Result.VALID : Result.EXPIRED);
                    }
                    return codes.fail(key, storedHex, properties.maxAttempts()).flatMap(failures -> {
                        if (failures < 0) {
                            // replaced or consumed between our read and the script: judge against what is there now
                            return mayRepeat ? attempt(key, candidate, false) : Mono.just(Result.INVALID);
                        }
                        return Mono.just(failures >= properties.maxAttempts() ? Result.TOO_MANY_ATTEMPTS : Result.INVALID);
                    });
                })
                .defaultIfEmpty(Result.EXPIRED);
    }

    private static String canonical(String input) {
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(input);
        if (!parsed.isValid()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "phone: " + parsed.error());
        }
        return parsed.number().orElseThrow().value();
    }
}
