package org.sms1069.api.compliance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.support.PageOf;
import org.sms1069.api.support.QueryParams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The compliance log for reviewers, and the filter's rule reload for admins. */
@RestController
public class ComplianceController {
    private final BlockedLog log;
    private final BlockedReview reviews;
    private final AllowList allowList;
    private final FilterRules rules;

    public ComplianceController(BlockedLog log, BlockedReview reviews, AllowList allowList, FilterRules rules) {
        this.log = log;
        this.reviews = reviews;
        this.allowList = allowList;
        this.rules = rules;
    }

    public record Page(List<BlockedEntry> entries, String nextCursor) {
    }

    public record Review(@NotNull BlockedReview.Decision decision, @Size(max = 500) String comment) {
    }

    @GetMapping("/compliance/v1/blocked")
    public Mono<Page> search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) String appId, @RequestParam(required = false) String category,
                             @RequestParam(required = false) String rule, @RequestParam(required = false) String q,
                             @RequestParam(required = false) String reviewState, @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        BlockedQuery query = BlockedQuery.parse(from, to, appId, category, rule, q, reviewState, limit, cursor);
        return log.search(query).collectList()
                .map(rows -> PageOf.cut(rows, query.limit(), BlockedQuery::cursor))
                .map(page -> new Page(page.rows(), page.nextCursor()));
    }

    /** Confirms a block, or marks it a false positive: the same text from the same app (and template) then passes. */
    @PostMapping("/compliance/v1/blocked/{id}/review")
    public Mono<BlockedEntry> review(@PathVariable long id, @Valid @RequestBody Review review, ServerWebExchange exchange) {
        Caller reviewer = Caller.of(exchange).require(Role.COMPLIANCE);
        return reviews.review(id, review.decision(), review.comment(), reviewer.keyId());
    }

    /** The filtered log as CSV (UTF-8 with BOM, at most {@value BlockedCsv#MAX_ROWS} rows, newest first). */
    @GetMapping(value = "/compliance/v1/blocked.csv", produces = "text/csv;charset=UTF-8")
    public Mono<ResponseEntity<String>> export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                               @RequestParam(required = false) String appId,
                                               @RequestParam(required = false) String category,
                                               @RequestParam(required = false) String rule, @RequestParam(required = false) String q,
                                               @RequestParam(required = false) String reviewState, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        BlockedQuery query = BlockedQuery.parse(from, to, appId, category, rule, q, reviewState, null, null)
                .withLimit(BlockedCsv.MAX_ROWS);
        return log.search(query).take(BlockedCsv.MAX_ROWS).collectList()
                .map(rows -> ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"blocked-messages.csv\"")
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .body(BlockedCsv.of(rows)));
    }

    /** The false-positive allow-list, newest first: of one app, or the latest 500 of all. */
    @GetMapping("/compliance/v1/allowlist")
    public Mono<Map<String, List<AllowList.Entry>>> allowList(@RequestParam(required = false) String appId,
                                                              ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        return allowList.list(QueryParams.blankToNull(appId)).collectList().map(entries -> Map.of("entries", entries));
    }

    /** Removes an allow-list entry: that text is filtered again, on every instance within 2 s. */
    @DeleteMapping("/compliance/v1/allowlist/{id}")
    public Mono<AllowList.Entry> removeFromAllowList(@PathVariable long id, @RequestParam(required = false) String comment,
                                                     ServerWebExchange exchange) {
        Caller reviewer = Caller.of(exchange).require(Role.COMPLIANCE);
        if (comment != null && comment.length() > 500) {
            throw QueryParams.invalid("comment must be at most 500 characters");
        }
        return allowList.remove(id, reviewer.keyId(), QueryParams.blankToNull(comment))
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no allow-list entry " + id)));
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
