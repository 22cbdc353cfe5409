package org.sms1069.api.verification;

import org.sms1069.api.support.KeyedDigest;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Makes codes and the keyed hashes that stand for them in Redis. The hash covers app, scene and phone
 * as well, so a hash copied to another key never matches; its key is derived from the master key, so
 * a Redis dump alone does not allow guessing codes offline.
 */
final class CodeHasher {
    private static final String KEY_LABEL = "sms1069/verification-code/v1";

    private final SecureRandom random = new SecureRandom();
    private final KeyedDigest digest;

    CodeHasher(String masterKeyBase64) {
        this.digest = KeyedDigest.derive(masterKeyBase64, KEY_LABEL);
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
        return digest.of(appId + "|" + scene + "|" + phone + "|" + code);
    }

    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
