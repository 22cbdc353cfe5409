package org.sms1069.api.auth;

import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.reference.ReferenceCache;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finds the key a request names: the operator's admin key from configuration (the current one or one of
 * the previous ones still accepted during a rotation), or a stored key (cached).
 */
@Component
public class ApiKeyStore {
    private final DatabaseClient db;
    private final SecretCipher cipher;
    private final ApiProperties.Security security;
    private final ReferenceCache cache;

    public ApiKeyStore(DatabaseClient db, SecretCipher cipher, ApiProperties properties, ReferenceCache cache) {
        this.db = db;
        this.cipher = cipher;
        this.security = properties.security();
        this.cache = cache;
    }

    /** The cache key of a stored key, as the api_keys trigger names it. */
    public static String cacheKey(String keyId) {
        return "key:" + keyId;
    }

    public record Key(String keyId, Role role, String appId, String secret) {
        @Override
        public String toString() {
            return "Key[" + keyId + ", " + role + ", app=" + appId + "]";
        }
    }

    public Mono<Key> find(String keyId) {
        if (keyId.equals(security.adminKeyId())) {
            return Mono.just(new Key(keyId, Role.ADMIN, null, security.adminKeySecret()));
        }
        for (ApiProperties.AdminKey previous : security.previousAdminKeys()) {
            if (keyId.equals(previous.keyId())) {
                return Mono.just(new Key(keyId, Role.ADMIN, null, previous.secret()));
            }
        }
        return cache.get(cacheKey(keyId), () -> db.sql(
                        "SELECT key_id, role, app_id, secret_enc FROM api_keys WHERE key_id = :id AND revoked_at IS NULL")
                .bind("id", keyId)
                .map(row -> new Key(row.get("key_id", String.class), Role.valueOf(row.get("role", String.class)),
                        row.get("app_id", String.class), cipher.decrypt(row.get("secret_enc", byte[].class))))
                .one());
    }
}
