package org.sms1069.api.audit;

import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.support.PageOf;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** The audit trail for reviewers: reviews, allow-list changes, suspensions and lifts, key creation and revocation. */
@RestController
public class AuditController {
    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    public record Page(List<AuditEntry> entries, String nextCursor) {
    }

    @GetMapping("/compliance/v1/audit")
    public Mono<Page> search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                             @RequestParam(required = false) String subjectType, @RequestParam(required = false) String subjectId,
                             @RequestParam(required = false) String appId, @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        AuditQuery query = AuditQuery.parse(from, to, actor, action, subjectType, subjectId, appId, limit, cursor);
        return audit.search(query).collectList()
                .map(rows -> PageOf.cut(rows, query.limit(), last -> String.valueOf(last.id())))
                .map(page -> new Page(page.rows(), page.nextCursor()));
    }
}
