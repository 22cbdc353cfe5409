package org.sms1069.api.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.error.MayAnswer;
import org.sms1069.model.MessageType;
import org.springframework.http.HttpStatus;
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

/**
 * Signatures and templates: admins register them for an app, they start PENDING, compliance
 * reviewers approve or reject them, apps list their own.
 */
@RestController
public class CatalogController {
    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    public record NewSignature(@NotBlank String name) {
    }

    /** @param content the text after the signature, with variables such as {@code ${code}} */
    public record NewTemplate(@NotBlank @Size(max = 100) String name, @NotNull MessageType type,
                              @NotBlank @Size(max = 480) String content) {
    }

    public record Review(@NotNull ReviewStatus decision, @Size(max = 500) String comment) {
    }

    public record ReviewQueue(List<Template> templates, List<Signature> signatures) {
    }

    @MayAnswer(ErrorCode.CONFLICT)
    @PostMapping("/admin/v1/apps/{appId}/signatures")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Signature> addSignature(@PathVariable String appId, @Valid @RequestBody NewSignature request, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        return catalog.addSignature(appId, request.name());
    }

    @PostMapping("/admin/v1/apps/{appId}/templates")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Template> addTemplate(@PathVariable String appId, @Valid @RequestBody NewTemplate request, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        return catalog.addTemplate(appId, request.name(), request.type(), request.content());
    }

    @GetMapping("/v1/templates")
    public Mono<List<Template>> templates(ServerWebExchange exchange) {
        return catalog.templatesOf(Caller.of(exchange).require(Role.APP).appId()).collectList();
    }

    @GetMapping("/v1/signatures")
    public Mono<List<Signature>> signatures(ServerWebExchange exchange) {
        return catalog.signaturesOf(Caller.of(exchange).require(Role.APP).appId()).collectList();
    }

    /** @param status PENDING (the default: what waits for a decision), or APPROVED / REJECTED (the latest decided) */
    @GetMapping("/compliance/v1/review-queue")
    public Mono<ReviewQueue> queue(@RequestParam(required = false) ReviewStatus status, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        ReviewStatus wanted = status == null ? ReviewStatus.PENDING : status;
        return Mono.zip(catalog.templatesIn(wanted).collectList(), catalog.signaturesIn(wanted).collectList())
                .map(pending -> new ReviewQueue(pending.getT1(), pending.getT2()));
    }

    @PostMapping("/compliance/v1/templates/{id}/review")
    public Mono<Template> reviewTemplate(@PathVariable String id, @Valid @RequestBody Review review, ServerWebExchange exchange) {
        Caller reviewer = Caller.of(exchange).require(Role.COMPLIANCE);
        return catalog.reviewTemplate(id, review.decision(), review.comment(), reviewer.keyId());
    }

    @PostMapping("/compliance/v1/signatures/{id}/review")
    public Mono<Signature> reviewSignature(@PathVariable String id, @Valid @RequestBody Review review, ServerWebExchange exchange) {
        Caller reviewer = Caller.of(exchange).require(Role.COMPLIANCE);
        return catalog.reviewSignature(id, review.decision(), review.comment(), reviewer.keyId());
    }
}
