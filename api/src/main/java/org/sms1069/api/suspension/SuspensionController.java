package org.sms1069.api.suspension;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.sms1069.api.apps.AppService;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.support.QueryParams;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/** Reviewers list suspensions, suspend an app or signature by hand, and lift a suspension with a reason. */
@RestController
public class SuspensionController {
    private final Suspensions suspensions;
    private final AppService apps;
    private final TransactionalOperator tx;

    public SuspensionController(Suspensions suspensions, AppService apps, TransactionalOperator tx) {
        this.suspensions = suspensions;
        this.apps = apps;
        this.tx = tx;
    }

    public enum State { ACTIVE, LIFTED, ALL }

    /** @param signature null suspends the whole app */
    public record NewSuspension(@NotBlank @Size(max = 32) String appId, @Size(min = 2, max = 12) String signature,
                                @NotBlank @Size(max = 500) String reason) {
    }

    public record Lift(@NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/compliance/v1/suspensions")
    public Mono<Map<String, List<Suspension>>> list(@RequestParam(required = false) State state,
                                                    @RequestParam(required = false) String appId, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        State wanted = state == null ? State.ACTIVE : state;
        return suspensions.list(wanted == State.ALL ? null : wanted == State.ACTIVE, QueryParams.blankToNull(appId))
                .collectList().map(list -> Map.of("suspensions", list));
    }

    @PostMapping("/compliance/v1/suspensions")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Suspension> suspend(@Valid @RequestBody NewSuspension request, ServerWebExchange exchange) {
        Caller reviewer = Caller.of(exchange).require(Role.COMPLIANCE);
        return apps.find(request.appId())
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no app " + request.appId())))
                .then(suspensions.suspend(request.appId(), request.signature(), request.reason(), null, null, reviewer.keyId()))
                .as(tx::transactional)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.CONFLICT, "already suspended")));
    }

    @PostMapping("/compliance/v1/suspensions/{id}/lift")
    public Mono<Suspension> lift(@PathVariable long id, @Valid @RequestBody Lift lift, ServerWebExchange exchange) {
        Caller reviewer = Caller.of(exchange).require(Role.COMPLIANCE);
        return suspensions.lift(id, reviewer.keyId(), lift.reason().strip())
                .as(tx::transactional)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no active suspension " + id)));
    }
}
