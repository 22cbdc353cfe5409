package org.sms1069.model.seal;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM with the JDK's provider: a random 12-byte nonce per value, stored as nonce, ciphertext and
 * 16-byte tag. Any change to a sealed value, or the wrong key, makes {@link #decrypt} fail.
 */
public final class AesGcm {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    private AesGcm(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The cipher of a base64 key of 32 bytes; {@code setting} names the key in the error (never its value). */
    public static AesGcm ofBase64(String base64Key, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(setting + " must be base64 of 32 bytes (openssl rand -base64 32)");
        }
        return new AesGcm(bytes);
    }

    public byte[] encrypt(byte[] clear) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Fails with {@link IllegalStateException} when the value is truncated, altered or sealed with another key. */
    public byte[] decrypt(byte[] stored) {
        // shorter input makes the JDK throw unchecked ProviderException or IllegalArgumentException
        if (stored == null || stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("sealed value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed value does not open: altered, or sealed with another key", e);
        }
    }
}
