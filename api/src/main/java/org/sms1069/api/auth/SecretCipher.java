package org.sms1069.api.auth;

import org.sms1069.model.seal.AesGcm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts API key secrets at rest with AES-256-GCM. HMAC verification needs the secret itself, so
 * it cannot be hashed; a database dump without the master key reveals nothing.
 */
public final class SecretCipher {
    private final AesGcm cipher;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(String masterKeyBase64) {
        this.cipher = AesGcm.ofBase64(masterKeyBase64, "sms.security.master-key");
    }

    public byte[] encrypt(String secret) {
        return cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String decrypt(byte[] stored) {
        try {
            return new String(cipher.decrypt(stored), StandardCharsets.UTF_8);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot decrypt key secret (" + e.getMessage() + "): wrong master key?", e);
        }
    }

    /** A new random secret: 32 bytes, URL-safe base64. */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
