package org.sms1069.router.admin;

import org.sms1069.model.Carrier;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;
import org.sms1069.router.resolve.CarrierResolver;
import org.sms1069.router.resolve.PortabilityFile;
import org.sms1069.router.resolve.PortabilityOverrides;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Number portability overrides for operators (behind {@link AdminTokenFilter}):
 * {@code POST /admin/portability} loads a file ({@code text/csv}: {@code phone,carrier} lines, see
 * {@link PortabilityFile}); {@code PUT /admin/portability/{phone}} {@code {"carrier":"CTCC"}} sets one;
 * {@code GET} shows one with the carrier it resolves to; {@code DELETE} removes one.
 */
@RestController
@RequestMapping("/admin/portability")
public class PortabilityController {
    static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);
    private final PortabilityOverrides overrides;
    private final CarrierResolver resolver;

    public PortabilityController(PortabilityOverrides overrides, CarrierResolver resolver) {
        this.overrides = overrides;
        this.resolver = resolver;
    }

    @PostMapping(consumes = {"text/csv", "text/plain", "text/tab-separated-values"})
    public Mono<ResponseEntity<Object>> load(@RequestBody(required = false) String body) {
        PortabilityFile.Parsed parsed = PortabilityFile.parse(body == null ? "" : body);
        if (parsed.entries().isEmpty()) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, parsed.rejected() == 0
                    ? "the file has no phone,carrier lines" : "no line of the file is valid");
            problem.setProperty("rejected", parsed.rejected());
            problem.setProperty("errors", parsed.errors());
            return Mono.just(ResponseEntity.badRequest().body(problem));
        }
        // a large file may take long: bounded by the Redis client's own command timeout instead
        return Mono.fromCompletionStage(overrides.setAll(parsed.entries()))
                .map(loaded -> ResponseEntity.ok(new LoadResult(loaded, parsed.rejected(), parsed.errors())));
    }

    @PutMapping("/{phone}")
    public Mono<ResponseEntity<Object>> set(@PathVariable String phone, @RequestBody(required = false) CarrierBody body) {
        Optional<PhoneNumber> number = mainland(phone);
        if (number.isEmpty()) {
            return Mono.just(badRequest("not a mainland mobile number"));
        }
        Optional<Carrier> carrier = body == null ? Optional.empty() : PortabilityOverrides.parseCarrier(body.carrier());
        if (carrier.isEmpty()) {
            return Mono.just(badRequest("carrier must be CMCC, CUCC, CTCC or CBN"));
        }
        return redis(overrides.set(number.get(), carrier.get()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/{phone}")
    public Mono<ResponseEntity<Object>> get(@PathVariable String phone) {
        Optional<PhoneNumber> number = mainland(phone);
        if (number.isEmpty()) {
            return Mono.just(badRequest("not a mainland mobile number"));
        }
        return redis(overrides.raw(number.get()))
                .zipWith(redis(resolver.resolve(number.get())), (override, resolved) ->
                        ResponseEntity.ok(new Lookup(number.get().value(), override.orElse(null),
                                resolver.original(number.get()).map(Enum::name).orElse(null),
                                resolved.map(Enum::name).orElse(null))));
    }

    @DeleteMapping("/{phone}")
    public Mono<ResponseEntity<Object>> delete(@PathVariable String phone) {
        Optional<PhoneNumber> number = mainland(phone);
        if (number.isEmpty()) {
            return Mono.just(badRequest("not a mainland mobile number"));
        }
        return redis(overrides.remove(number.get()))
                .map(removed -> removed ? ResponseEntity.noContent().build()
                        : ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "no override for this number")));
    }

    /** A Redis call that fails within {@link #REDIS_TIMEOUT} when Redis does not answer (503, {@link AdminProblems}). */
    private static <T> Mono<T> redis(CompletionStage<T> call) {
        return Mono.fromCompletionStage(call).timeout(REDIS_TIMEOUT);
    }

    private static Optional<PhoneNumber> mainland(String phone) {
        return PhoneNumbers.parse(phone).number().filter(PhoneNumber::mainland);
    }

    private static ResponseEntity<Object> badRequest(String detail) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, detail));
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", status == HttpStatus.NOT_FOUND ? "NOT_FOUND" : "VALIDATION_FAILED");
        return problem;
    }

    public record CarrierBody(String carrier) {
    }

    /** @param errors the first bad lines, by line number (all of them are counted in {@code rejected}) */
    public record LoadResult(int loaded, int rejected, List<String> errors) {
    }

    /** @param override the stored value as it is; {@code carrier} is what routing uses */
    public record Lookup(String phone, String override, String segment, String carrier) {
    }
}
