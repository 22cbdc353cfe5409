package org.sms1069.api.apps;

import org.sms1069.api.auth.Role;
import org.sms1069.api.auth.SecretCipher;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;

/** Creates apps with their first API key; the secret is shown once, in the answer. */
@Service
public class AppService {
    private static final char[] ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private final SecureRandom random = new SecureRandom();
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SecretCipher cipher;

    public AppService(DatabaseClient db, TransactionalOperator tx, SecretCipher cipher) {
        this.db = db;
        this.tx = tx;
        this.cipher = cipher;
    }

    public record CreatedApp(String appId, String name, String extension, String keyId, String keySecret) {
        @Override
        public String toString() {
            return "CreatedApp[" + appId + ", keyId=" + keyId + "]";
        }
    }

    public record App(String id, String name, String extension) {
    }

    public Mono<CreatedApp> create(String name, String extension) {
        String appId = "app_" + randomId(12);
        String keyId = "AK" + randomId(18);
        String secret = cipher.newSecret();
        Mono<Long> insertApp = db.sql("INSERT INTO apps (id, name, extension) VALUES (:id, :name, :ext)")
                .bind("id", appId).bind("name", name).bind("ext", extension)
                .fetch().rowsUpdated();
        Mono<Long> insertKey = db.sql("INSERT INTO api_keys (key_id, app_id, role, secret_enc) VALUES (:key, :app, :role, :secret)")
                .bind("key", keyId).bind("app", appId).bind("role", Role.APP.name()).bind("secret", cipher.encrypt(secret))
                .fetch().rowsUpdated();
        return insertApp.then(insertKey).as(tx::transactional)
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> new ApiException(ErrorCode.CONFLICT, "extension " + extension + " is already used by another app"))
                .thenReturn(new CreatedApp(appId, name, extension, keyId, secret));
    }

    public Mono<App> find(String appId) {
        return db.sql("SELECT id, name, extension FROM apps WHERE id = :id").bind("id", appId)
                .map(row -> new App(row.get("id", String.class), row.get("name", String.class), row.get("extension", String.class)))
                .one();
    }

    private String randomId(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(out);
    }
}
