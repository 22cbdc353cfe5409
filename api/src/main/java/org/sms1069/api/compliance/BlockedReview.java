package org.sms1069.api.compliance;

import org.sms1069.api.audit.AuditAction;
import org.sms1069.api.audit.AuditEvent;
import org.sms1069.api.audit.AuditLog;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reviewer's decision on a blocked send: the entry's state, its audit record (with the decision it
 * replaces) and, for a false positive, the allow-list entry, in one transaction.
 */
@Service
public class BlockedReview {
    public enum Decision { CONFIRMED, FALSE_POSITIVE }

    private final BlockedLog log;
    private final AllowList allowList;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    public BlockedReview(BlockedLog log, AllowList allowList, AuditLog audit, TransactionalOperator tx) {
        this.log = log;
        this.allowList = allowList;
        this.audit = audit;
        this.tx = tx;
    }

    public Mono<BlockedEntry> review(long id, Decision decision, String comment, String reviewer) {
        return log.findForUpdate(id)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no blocked message " + id)))
                .flatMap(entry -> log.review(id, decision.name(), comment, reviewer)
                        .then(audit.record(new AuditEvent(reviewer, AuditAction.BLOCKED_REVIEWED, AuditEvent.SubjectType.BLOCKED,
                                String.valueOf(id), entry.appId(),
                                state(entry.reviewState(), entry.reviewComment(), entry.reviewedBy()),
                                state(decision.name(), comment, reviewer), comment)))
                        .then(decision == Decision.FALSE_POSITIVE
                                ? allowList.add(entry.appId(), entry.templateId(), entry.text(), id, reviewer, comment)
                                : Mono.empty()))
                .as(tx::transactional)
                .then(log.find(id));
    }

    private static Map<String, Object> state(String reviewState, String comment, String reviewedBy) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("reviewState", reviewState);
        state.put("comment", comment);
        state.put("reviewedBy", reviewedBy);
        return state;
    }
}
