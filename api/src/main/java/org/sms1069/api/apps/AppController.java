package org.sms1069.api.apps;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.error.MayAnswer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Admin: apps, their keys and settings, and compliance reviewers' keys. */
@RestController
public class AppController {
    private final AppService apps;

    public AppController(AppService apps) {
        this.apps = apps;
    }

    /**
     * @param extension digits appended to the 1069 number for this app's messages; replies to
     *                  that number reach the app
     */
    public record CreateApp(@NotBlank @Size(max = 100) String name,
                            @Pattern(regexp = "\\d{0,8}", message = "must be up to 8 digits") String extension,
                            @Valid AppSettings settings) {
    }

    @MayAnswer(ErrorCode.CONFLICT)
    @PostMapping("/admin/v1/apps")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AppService.CreatedApp> create(@Valid @RequestBody CreateApp request, ServerWebExchange exchange) {
        Caller admin = Caller.of(exchange).require(Role.ADMIN);
        return apps.create(request.name(), request.extension() == null ? "" : request.extension(), request.settings(),
                admin.keyId());
    }

    @GetMapping("/admin/v1/apps/{appId}")
    public Mono<App> get(@PathVariable String appId, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        return apps.find(appId).switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no app " + appId)));
    }

    /** Quotas, frequency limits, callback URL, filed link domains, verification code format. */
    @PatchMapping("/admin/v1/apps/{appId}")
    public Mono<App> update(@PathVariable String appId, @Valid @RequestBody AppSettings settings, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        return apps.update(appId, settings);
    }

    /** The secret the app uses to verify our callbacks ({@code X-Sms-Signature}). */
    @GetMapping("/admin/v1/apps/{appId}/callback-secret")
    public Mono<Map<String, String>> callbackSecret(@PathVariable String appId, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        return apps.callbackSecret(appId).map(secret -> Map.of("callbackSecret", secret))
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "app " + appId + " has no callback URL")));
    }

    /** Key rotation: a new key; revoke the old one once the app uses the new one. */
    @PostMapping("/admin/v1/apps/{appId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AppService.CreatedKey> newKey(@PathVariable String appId, ServerWebExchange exchange) {
        return apps.newKey(appId, Role.APP, Caller.of(exchange).require(Role.ADMIN).keyId());
    }

    @DeleteMapping("/admin/v1/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> revoke(@PathVariable String keyId, ServerWebExchange exchange) {
        return apps.revokeKey(keyId, Caller.of(exchange).require(Role.ADMIN).keyId());
    }

    /** A key for a compliance reviewer: reads the blocked-message log and reviews templates. */
    @PostMapping("/admin/v1/reviewers")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AppService.CreatedKey> newReviewer(ServerWebExchange exchange) {
        return apps.newKey(null, Role.COMPLIANCE, Caller.of(exchange).require(Role.ADMIN).keyId());
    }
}
