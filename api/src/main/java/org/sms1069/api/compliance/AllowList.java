package org.sms1069.api.compliance;

import org.sms1069.api.store.ComposedMessage;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Exact texts a reviewer judged false positives, per app and template: they pass the filter next time. */
@Component
public class AllowList {
    private final DatabaseClient db;

    public AllowList(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Boolean> allows(String appId, ComposedMessage message) {
        return db.sql("SELECT 1 FROM filter_allowlist WHERE app_id = :app AND template_id = :tpl AND text_hash = :hash")
                .bind("app", appId).bind("tpl", message.templateId() == null ? "" : message.templateId())
                .bind("hash", hash(message.text()))
                .map(row -> true).one().defaultIfEmpty(false);
    }

    Mono<Void> add(String appId, String templateId, String text, long blockedId, String reviewer) {
        return db.sql("""
                        INSERT INTO filter_allowlist (app_id, template_id, text_hash, blocked_id, created_by)
                        VALUES (:app, :tpl, :hash, :blocked, :by) ON CONFLICT DO NOTHING""")
                .bind("app", appId).bind("tpl", templateId == null ? "" : templateId).bind("hash", hash(text))
                .bind("blocked", blockedId).bind("by", reviewer)
                .fetch().rowsUpdated().then();
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
