package org.sms1069.api.auth;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts API key secrets at rest with AES-256-GCM. HMAC verification needs the secret itself, so
 * it cannot be hashed; a database dump without the master key reveals nothing.
 */
public final class SecretCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(String masterKeyBase64) {
        byte[] bytes = Base64.getDecoder().decode(masterKeyBase64);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("sms.security.master-key must be base64 of 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public byte[] encrypt(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt key secret", e);
        }
    }

    public String decrypt(byte[] stored) {
        // shorter input makes the JDK throw unchecked ProviderException or IllegalArgumentException
        if (stored == null || stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("cannot decrypt key secret: stored value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt key secret: wrong master key?", e);
        }
    }

    /** A new random secret: 32 bytes, URL-safe base64. */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
