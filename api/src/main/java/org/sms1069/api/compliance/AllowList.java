package org.sms1069.api.compliance;

import io.r2dbc.spi.Readable;
import org.sms1069.api.audit.AuditAction;
import org.sms1069.api.audit.AuditEvent;
import org.sms1069.api.audit.AuditLog;
import org.sms1069.api.reference.ReferenceCache;
import org.sms1069.api.store.ComposedMessage;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Exact texts a reviewer judged false positives, per app and template: they pass the filter next time.
 * An app's entries are cached per instance; the table's trigger evicts them on every instance (V17),
 * so a removal takes effect everywhere within the reference channel's 2 s. Every change is audited in
 * the caller's transaction.
 */
@Component
public class AllowList {
    private final DatabaseClient db;
    private final ReferenceCache cache;
    private final AuditLog audit;

    public AllowList(DatabaseClient db, ReferenceCache cache, AuditLog audit) {
        this.db = db;
        this.cache = cache;
        this.audit = audit;
    }

    /** One allow-list entry; the text itself is in the blocked-log entry it came from. */
    public record Entry(long id, String appId, String templateId, String textHash, Long blockedId, String createdBy,
                        java.time.Instant createdAt) {
        Map<String, Object> asMap() {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("appId", appId);
            state.put("templateId", templateId);
            state.put("textHash", textHash);
            state.put("blockedId", blockedId);
            return state;
        }
    }

    public Mono<Boolean> allows(String appId, ComposedMessage message) {
        return cache.get(cacheKey(appId), () -> db.sql("SELECT template_id, text_hash FROM filter_allowlist WHERE app_id = :app")
                        .bind("app", appId)
                        .map(row -> row.get("template_id", String.class) + "|" + row.get("text_hash", String.class)).all()
                        .collect(HashSet::new, Set::add))
                .map(keys -> keys.contains((message.templateId() == null ? "" : message.templateId()) + "|" + hash(message.text())));
    }

    public Flux<Entry> list(String appId) {
        return (appId == null ? db.sql("SELECT * FROM filter_allowlist ORDER BY created_at DESC LIMIT 500")
                : db.sql("SELECT * FROM filter_allowlist WHERE app_id = :app ORDER BY created_at DESC").bind("app", appId))
                .map(AllowList::entry).all();
    }

    /** Adds the text (audited as {@code reviewer}); an entry already there changes nothing. */
    Mono<Void> add(String appId, String templateId, String text, long blockedId, String reviewer, String comment) {
        return db.sql("""
                        INSERT INTO filter_allowlist (app_id, template_id, text_hash, blocked_id, created_by)
                        VALUES (:app, :tpl, :hash, :blocked, :by) ON CONFLICT DO NOTHING RETURNING *""")
                .bind("app", appId).bind("tpl", templateId == null ? "" : templateId).bind("hash", hash(text))
                .bind("blocked", blockedId).bind("by", reviewer)
                .map(AllowList::entry).one()
                .flatMap(added -> audit.record(new AuditEvent(reviewer, AuditAction.ALLOWLIST_ADDED, AuditEvent.SubjectType.ALLOWLIST,
                        String.valueOf(added.id()), appId, null, added.asMap(), comment)))
                .doOnSuccess(done -> cache.evict(cacheKey(appId)));
    }

    /** Removes an entry (audited); answers it, or empty if there is none with this id. */
    Mono<Entry> remove(long id, String reviewer, String comment) {
        return db.sql("DELETE FROM filter_allowlist WHERE id = :id RETURNING *").bind("id", id)
                .map(AllowList::entry).one()
                .flatMap(removed -> audit.record(new AuditEvent(reviewer, AuditAction.ALLOWLIST_REMOVED,
                                AuditEvent.SubjectType.ALLOWLIST, String.valueOf(id), removed.appId(), removed.asMap(), null, comment))
                        .doOnSuccess(done -> cache.evict(cacheKey(removed.appId())))
                        .thenReturn(removed));
    }

    private static Entry entry(Readable row) {
        String template = row.get("template_id", String.class);
        return new Entry(row.get("id", Long.class), row.get("app_id", String.class), template.isEmpty() ? null : template,
                row.get("text_hash", String.class), row.get("blocked_id", Long.class), row.get("created_by", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }

    private static String cacheKey(String appId) {
        return "allow:" + appId;
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
