package org.sms1069.api.apps;

import org.sms1069.api.audit.AuditAction;
import org.sms1069.api.audit.AuditEvent;
import org.sms1069.api.audit.AuditLog;
import org.sms1069.api.auth.ApiKeyStore;
import org.sms1069.api.auth.Role;
import org.sms1069.api.auth.SecretCipher;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.egress.CallbackTargets;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.reference.ReferenceCache;
import org.sms1069.api.support.RandomIds;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Creates apps with their first API key; the secret is shown once, in the answer. */
@Service
public class AppService {
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SecretCipher cipher;
    private final ReferenceCache cache;
    private final CallbackTargets targets;
    private final AuditLog audit;

    public AppService(DatabaseClient db, TransactionalOperator tx, SecretCipher cipher, ReferenceCache cache,
                      CallbackTargets targets, AuditLog audit) {
        this.db = db;
        this.tx = tx;
        this.cipher = cipher;
        this.cache = cache;
        this.targets = targets;
        this.audit = audit;
    }

    public record CreatedApp(String appId, String name, String extension, String keyId, String keySecret) {
        @Override
        public String toString() {
            return "CreatedApp[" + appId + ", keyId=" + keyId + "]";
        }
    }

    /** @param actor the key id of the admin who creates it, for the audit trail of its first key */
    public Mono<CreatedApp> create(String name, String extension, AppSettings settings, String actor) {
        String appId = RandomIds.next("app_", 12);
        return db.sql("INSERT INTO apps (id, name, extension) VALUES (:id, :name, :ext)")
                .bind("id", appId).bind("name", name).bind("ext", extension)
                .fetch().rowsUpdated()
                .then(newKey(appId, Role.APP, actor))
                .flatMap(key -> settings == null ? Mono.just(key) : update(appId, settings).thenReturn(key))
                .as(tx::transactional)
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> new ApiException(ErrorCode.CONFLICT, "extension " + extension + " is already used by another app"))
                .map(key -> new CreatedApp(appId, name, extension, key.keyId(), key.keySecret()));
    }

    public Mono<App> find(String appId) {
        return db.sql("SELECT * FROM apps WHERE id = :id").bind("id", appId).map(row -> app(row)).one();
    }

    /**
     * The app as the request path sees it: from this instance's cache, which every change of the row
     * evicts (here at once, on other instances by its notification).
     */
    public Mono<App> cached(String appId) {
        return cache.get(cacheKey(appId), () -> find(appId));
    }

    private static String cacheKey(String appId) {
        return "app:" + appId;
    }

    /** The app whose number (1069 number + extension) is the longest prefix of a destination. */
    public Mono<App> findByDestination(String number, String destination) {
        if (!destination.startsWith(number)) {
            return Mono.empty();
        }
        String rest = destination.substring(number.length());
        return db.sql("SELECT * FROM apps WHERE :rest LIKE extension || '%' ORDER BY length(extension) DESC LIMIT 1")
                .bind("rest", rest).map(row -> app(row)).one();
    }

    public Mono<App> update(String appId, AppSettings update) {
        if (update.callbackUrl() != null && !update.callbackUrl().isBlank()) {
            // resolves the host: off the event loop
            return Mono.fromCallable(() -> targets.refusal(update.callbackUrl()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(refusal -> refusal.isPresent()
                            ? Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED, refusal.get()))
                            : store(appId, update));
        }
        return store(appId, update);
    }

    private Mono<App> store(String appId, AppSettings update) {
        return find(appId)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no app " + appId)))
                .flatMap(app -> {
                    AppSettings s = update.over(app.settings());
                    return db.sql("""
                                    UPDATE apps SET text_allowed = :text, daily_quota = :quota, verify_per_minute = :pm,
                                           verify_per_hour = :ph, verify_per_day = :pd, code_length = :len, code_alphabet = :alpha,
                                           code_ttl_seconds = :ttl, callback_url = :url, link_domains = :domains
                                    WHERE id = :id""")
                            .bind("text", s.textAllowed()).bind("quota", s.dailyQuota()).bind("pm", s.verifyPerMinute())
                            .bind("ph", s.verifyPerHour()).bind("pd", s.verifyPerDay()).bind("len", s.codeLength())
                            .bind("alpha", s.codeAlphabet()).bind("ttl", s.codeTtlSeconds())
                            .bind("url", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, s.callbackUrl()))
                            .bind("domains", s.linkDomains().toArray(String[]::new)).bind("id", appId)
                            .fetch().rowsUpdated()
                            .then(ensureCallbackSecret(appId, s))
                            .doOnSuccess(done -> cache.evict(cacheKey(appId)))
                            .thenReturn(new App(app.id(), app.name(), app.extension(), s));
                });
    }

    /** Callbacks are signed with a secret of their own, made when the first callback URL is set. */
    private Mono<Void> ensureCallbackSecret(String appId, AppSettings settings) {
        if (settings.callbackUrl() == null) {
            return Mono.empty();
        }
        return db.sql("UPDATE apps SET callback_secret = :secret WHERE id = :id AND callback_secret IS NULL")
                .bind("secret", cipher.encrypt(cipher.newSecret())).bind("id", appId)
                .fetch().rowsUpdated().then();
    }

    /** The secret that signs the app's callbacks, shown to the admin so the app can verify them. */
    public Mono<String> callbackSecret(String appId) {
        return db.sql("SELECT callback_secret FROM apps WHERE id = :id AND callback_secret IS NOT NULL").bind("id", appId)
                .map(row -> cipher.decrypt(row.get("callback_secret", byte[].class))).one();
    }

    public record CreatedKey(String keyId, String keySecret, Role role, String appId) {
        @Override
        public String toString() {
            return "CreatedKey[" + keyId + ", " + role + "]";
        }
    }

    /** A new key for the app (audited); the old ones keep working until revoked, so the app can switch without downtime. */
    public Mono<CreatedKey> newKey(String appId, Role role, String actor) {
        String keyId = RandomIds.next("AK", 18);
        String secret = cipher.newSecret();
        Mono<Void> appExists = appId == null ? Mono.empty() : find(appId)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no app " + appId))).then();
        return appExists.then(db.sql("INSERT INTO api_keys (key_id, app_id, role, secret_enc) VALUES (:key, :app, :role, :secret)")
                        .bind("key", keyId).bind("app", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, appId))
                        .bind("role", role.name()).bind("secret", cipher.encrypt(secret))
                        .fetch().rowsUpdated())
                .then(audit.record(new AuditEvent(actor, AuditAction.KEY_CREATED, AuditEvent.SubjectType.KEY, keyId, appId, null,
                        keyState(role, null), null)))
                .as(tx::transactional)
                .thenReturn(new CreatedKey(keyId, secret, role, appId));
    }

    public Mono<Void> revokeKey(String keyId, String actor) {
        return db.sql("UPDATE api_keys SET revoked_at = now() WHERE key_id = :key AND revoked_at IS NULL RETURNING app_id, role, revoked_at")
                .bind("key", keyId)
                .map(row -> new AuditEvent(actor, AuditAction.KEY_REVOKED, AuditEvent.SubjectType.KEY, keyId,
                        row.get("app_id", String.class), keyState(Role.valueOf(row.get("role", String.class)), null),
                        keyState(Role.valueOf(row.get("role", String.class)),
                                row.get("revoked_at", java.time.OffsetDateTime.class).toInstant().toString()), null))
                .one()
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no active key " + keyId)))
                .flatMap(audit::record)
                .as(tx::transactional)
                .doOnSuccess(done -> cache.evict(ApiKeyStore.cacheKey(keyId)));
    }

    private static java.util.Map<String, Object> keyState(Role role, String revokedAt) {
        java.util.Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("role", role.name());
        state.put("revokedAt", revokedAt);
        return state;
    }

    private static App app(io.r2dbc.spi.Readable row) {
        String[] domains = row.get("link_domains", String[].class);
        return new App(row.get("id", String.class), row.get("name", String.class), row.get("extension", String.class),
                new AppSettings(row.get("text_allowed", Boolean.class), row.get("daily_quota", Integer.class),
                        row.get("verify_per_minute", Integer.class), row.get("verify_per_hour", Integer.class),
                        row.get("verify_per_day", Integer.class), row.get("code_length", Integer.class),
                        row.get("code_alphabet", String.class), row.get("code_ttl_seconds", Integer.class),
                        row.get("callback_url", String.class), domains == null ? java.util.List.of() : java.util.List.of(domains)));
    }

}
