package org.sms1069.api.compliance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/** The compliance log for reviewers, and the filter's rule reload for admins. */
@RestController
public class ComplianceController {
    private final BlockedLog log;
    private final AllowList allowList;
    private final FilterRules rules;

    public ComplianceController(BlockedLog log, AllowList allowList, FilterRules rules) {
        this.log = log;
        this.allowList = allowList;
        this.rules = rules;
    }

    public record Page(List<BlockedEntry> entries, String nextCursor) {
    }

    public enum Decision { CONFIRMED, FALSE_POSITIVE }

    public record Review(@NotNull Decision decision, @Size(max = 500) String comment) {
    }

    @GetMapping("/compliance/v1/blocked")
    public Mono<Page> search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) String appId, @RequestParam(required = false) String category,
                             @RequestParam(required = false) String rule, @RequestParam(required = false) String q,
                             @RequestParam(required = false) String reviewState, @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        BlockedQuery query = BlockedQuery.parse(from, to, appId, category, rule, q, reviewState, limit, cursor);
        return log.search(query).collectList().map(rows -> rows.size() <= query.limit()
                ? new Page(rows, null)
                : new Page(rows.subList(0, query.limit()), BlockedQuery.cursor(rows.get(query.limit() - 1))));
    }

    /** Confirms a block, or marks it a false positive: the same text from the same app (and template) then passes. */
    @PostMapping("/compliance/v1/blocked/{id}/review")
    public Mono<BlockedEntry> review(@PathVariable long id, @Valid @RequestBody Review review, ServerWebExchange exchange) {
        Caller reviewer = Caller.of(exchange).require(Role.COMPLIANCE);
        return log.find(id)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no blocked message " + id)))
                .flatMap(entry -> log.review(id, review.decision().name(), review.comment(), reviewer.keyId())
                        .then(review.decision() == Decision.FALSE_POSITIVE
                                ? allowList.add(entry.appId(), entry.templateId(), entry.text(), id, reviewer.keyId())
                                : Mono.empty()))
                .then(log.find(id));
    }

    /** Reloads the filter's rules (sms.compliance.rules-directory) without a restart. */
    @PostMapping("/admin/v1/filter/reload")
    public Mono<Map<String, String>> reload(ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        return Mono.fromCallable(() -> Map.of("rulesVersion", rules.reload()))
                .onErrorMap(e -> !(e instanceof ApiException),
                        e -> new ApiException(ErrorCode.VALIDATION_FAILED, "the rules did not load, the running ones stay: " + e.getMessage()));
    }
}
