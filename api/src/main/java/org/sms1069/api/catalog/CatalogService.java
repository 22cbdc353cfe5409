package org.sms1069.api.catalog;

import io.r2dbc.spi.Readable;
import org.sms1069.api.audit.AuditAction;
import org.sms1069.api.audit.AuditEvent;
import org.sms1069.api.audit.AuditLog;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.reference.ReferenceCache;
import org.sms1069.api.support.RandomIds;
import org.sms1069.model.MessageType;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signatures and templates of apps, and their review by compliance. What the request path reads
 * (approved signatures, templates, the verification template) comes from this instance's cache; the
 * tables' triggers evict it on every instance, a review here evicts at once.
 */
@Service
public class CatalogService {
    private final DatabaseClient db;
    private final ReferenceCache cache;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    public CatalogService(DatabaseClient db, ReferenceCache cache, TransactionalOperator tx, AuditLog audit) {
        this.db = db;
        this.cache = cache;
        this.tx = tx;
        this.audit = audit;
    }

    public Mono<Signature> addSignature(String appId, String name) {
        Signatures.problem(name).ifPresent(problem -> {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, problem);
        });
        String id = RandomIds.next("sig_", 12);
        return db.sql("INSERT INTO signatures (id, app_id, name) VALUES (:id, :app, :name)")
                .bind("id", id).bind("app", appId).bind("name", name)
                .fetch().rowsUpdated()
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> new ApiException(ErrorCode.CONFLICT, "app " + appId + " has no such app or already has signature " + name))
                .then(signature(id));
    }

    public Mono<Template> addTemplate(String appId, String name, MessageType type, String content) {
        TemplateText text;
        try {
            text = TemplateText.parse(content);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
        if (content.contains("【") || content.contains("】")) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "a template is the text after the signature: no 【】 in it");
        }
        if (type == MessageType.VERIFICATION && !text.variables().contains("code")) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "a verification template needs the variable ${code}");
        }
        String id = RandomIds.next("tpl_", 12);
        return db.sql("INSERT INTO templates (id, app_id, name, type, content, variables) VALUES (:id, :app, :name, :type, :content, :vars)")
                .bind("id", id).bind("app", appId).bind("name", name).bind("type", type.name()).bind("content", content)
                .bind("vars", text.variables().toArray(String[]::new))
                .fetch().rowsUpdated()
                .onErrorMap(DataIntegrityViolationException.class, e -> new ApiException(ErrorCode.NOT_FOUND, "no app " + appId))
                .then(template(id));
    }

    public Mono<Signature> signature(String id) {
        return db.sql("SELECT * FROM signatures WHERE id = :id").bind("id", id).map(row -> signature(row)).one();
    }

    public Mono<Template> template(String id) {
        return db.sql("SELECT * FROM templates WHERE id = :id").bind("id", id).map(row -> template(row)).one();
    }

    public Flux<Template> templatesOf(String appId) {
        return db.sql("SELECT * FROM templates WHERE app_id = :app ORDER BY created_at").bind("app", appId)
                .map(row -> template(row)).all();
    }

    public Flux<Signature> signaturesOf(String appId) {
        return db.sql("SELECT * FROM signatures WHERE app_id = :app ORDER BY created_at").bind("app", appId)
                .map(row -> signature(row)).all();
    }

    /** The template as the request path sees it (cached). */
    public Mono<Template> cachedTemplate(String id) {
        return cache.get("tpl:" + id, () -> template(id));
    }

    /** The names of the app's approved signatures, oldest first (cached). */
    public Mono<List<String>> approvedSignatures(String appId) {
        return cache.get("sigs:" + appId, () -> signaturesOf(appId).filter(s -> s.status() == ReviewStatus.APPROVED)
                .map(Signature::name).collectList());
    }

    public Mono<Boolean> isApprovedSignature(String appId, String name) {
        return approvedSignatures(appId).map(names -> names.contains(name));
    }

    /** The app's approved verification template (the newest if several; cached). */
    public Mono<Template> verificationTemplate(String appId) {
        return cache.get("vtpl:" + appId, () -> db.sql("""
                        SELECT * FROM templates WHERE app_id = :app AND type = 'VERIFICATION' AND status = 'APPROVED'
                        ORDER BY reviewed_at DESC LIMIT 1""")
                .bind("app", appId).map(row -> template(row)).one());
    }

    /** Templates in this review status: pending ones oldest first (the queue), decided ones newest first (at most 200). */
    public Flux<Template> templatesIn(ReviewStatus status) {
        return db.sql("SELECT * FROM templates WHERE status = :status " + reviewOrder(status)).bind("status", status.name())
                .map(row -> template(row)).all();
    }

    public Flux<Signature> signaturesIn(ReviewStatus status) {
        return db.sql("SELECT * FROM signatures WHERE status = :status " + reviewOrder(status)).bind("status", status.name())
                .map(row -> signature(row)).all();
    }

    private static String reviewOrder(ReviewStatus status) {
        return status == ReviewStatus.PENDING ? "ORDER BY created_at" : "ORDER BY reviewed_at DESC LIMIT 200";
    }

    public Mono<Template> reviewTemplate(String id, ReviewStatus decision, String note, String reviewer) {
        return review("templates", AuditEvent.SubjectType.TEMPLATE, AuditAction.TEMPLATE_REVIEWED, id, decision, note, reviewer)
                .doOnNext(appId -> cache.evict(List.of("tpl:" + id, "vtpl:" + appId)))
                .then(template(id));
    }

    public Mono<Signature> reviewSignature(String id, ReviewStatus decision, String note, String reviewer) {
        return review("signatures", AuditEvent.SubjectType.SIGNATURE, AuditAction.SIGNATURE_REVIEWED, id, decision, note, reviewer)
                .doOnNext(appId -> cache.evict("sigs:" + appId))
                .then(signature(id));
    }

    /** Records the decision and its audit entry in one transaction; answers the app of the reviewed row. */
    private Mono<String> review(String table, AuditEvent.SubjectType subject, AuditAction action, String id,
                                ReviewStatus decision, String note, String reviewer) {
        if (decision == ReviewStatus.PENDING) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "decision must be APPROVED or REJECTED");
        }
        // table is one of two constants above, never user input
        return db.sql("SELECT app_id, status, review_note, reviewed_by FROM " + table + " WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(row -> new ReviewState(row.get("app_id", String.class), row.get("status", String.class),
                        row.get("review_note", String.class), row.get("reviewed_by", String.class)))
                .one()
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "nothing to review with id " + id)))
                .flatMap(before -> db.sql("UPDATE " + table
                                + " SET status = :status, review_note = :note, reviewed_by = :by, reviewed_at = now() WHERE id = :id")
                        .bind("status", decision.name()).bind("note", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, note))
                        .bind("by", reviewer).bind("id", id)
                        .fetch().rowsUpdated()
                        .then(audit.record(new AuditEvent(reviewer, action, subject, id, before.appId(), before.asMap(),
                                new ReviewState(before.appId(), decision.name(), note, reviewer).asMap(), note)))
                        .thenReturn(before.appId()))
                .as(tx::transactional);
    }

    private record ReviewState(String appId, String status, String note, String reviewedBy) {
        Map<String, Object> asMap() {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", status);
            state.put("note", note);
            state.put("reviewedBy", reviewedBy);
            return state;
        }
    }

    private static Signature signature(Readable row) {
        return new Signature(row.get("id", String.class), row.get("app_id", String.class), row.get("name", String.class),
                ReviewStatus.valueOf(row.get("status", String.class)), row.get("review_note", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }

    private static Template template(Readable row) {
        String[] vars = row.get("variables", String[].class);
        return new Template(row.get("id", String.class), row.get("app_id", String.class), row.get("name", String.class),
                MessageType.valueOf(row.get("type", String.class)), row.get("content", String.class),
                vars == null ? List.of() : List.of(vars), ReviewStatus.valueOf(row.get("status", String.class)),
                row.get("review_note", String.class), row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
