package org.sms1069.api.verification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes codes and the keyed hashes that stand for them in Redis. The hash covers app, scene and phone
 * as well, so a hash copied to another key never matches; its key is derived from the master key, so
 * a Redis dump alone does not allow guessing codes offline.
 */
final class CodeHasher {
    private static final String KEY_LABEL = "sms1069/verification-code/v1";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    CodeHasher(String masterKeyBase64) {
        byte[] master = Base64.getDecoder().decode(masterKeyBase64);
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(master, "HmacSHA256"), KEY_LABEL), "HmacSHA256");
    }

    String newCode(int length, String alphabet) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    /** Scenes are [a-z0-9_-] and phones digits or '+', so '|' cannot occur inside a field. */
    byte[] hash(String appId, String scene, String phone, String code) {
        return hmac(key, appId + "|" + scene + "|" + phone + "|" + code);
    }

    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
