package org.sms1069.api.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * HMAC-SHA256 under a key derived from the master key for one purpose ({@code label}): what it hashes cannot be
 * guessed offline from a Redis dump, and one purpose's digests never stand for another's.
 */
public final class KeyedDigest {
    private static final int KEY_NAME_BYTES = 12;
    private static final Base64.Encoder KEY_NAME = Base64.getUrlEncoder().withoutPadding();
    /** One initialised MAC per thread: looking the algorithm up and keying it cost more than hashing a short text. */
    private final ThreadLocal<Mac> mac;

    private KeyedDigest(SecretKeySpec key) {
        this.mac = ThreadLocal.withInitial(() -> keyed(key));
    }

    public static KeyedDigest derive(String masterKeyBase64, String label) {
        SecretKeySpec master = new SecretKeySpec(Base64.getDecoder().decode(masterKeyBase64), "HmacSHA256");
        return new KeyedDigest(new SecretKeySpec(hmac(master, label), "HmacSHA256"));
    }

    public byte[] of(String data) {
        return mac.get().doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** The first {@code bytes} bytes of the digest. */
    public byte[] of(String data, int bytes) {
        return Arrays.copyOf(of(data), bytes);
    }

    /**
     * The parts (one per line) as a short Redis key name: the first 96 bits of their digest in base64url, 16
     * characters. A key that long costs 72 bytes in Redis where the parts spelled out cost about twice that.
     */
    public String keyName(String... parts) {
        return KEY_NAME.encodeToString(of(String.join("\n", parts), KEY_NAME_BYTES));
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        return keyed(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
