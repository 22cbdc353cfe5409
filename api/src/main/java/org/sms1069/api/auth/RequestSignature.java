package org.sms1069.api.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The signing scheme (README, "Signing requests"): HMAC-SHA256 with the key secret over
 * <pre>
 * SMS-HMAC-SHA256\n
 * METHOD\n
 * PATH\n
 * CANONICAL_QUERY\n      (name=value pairs, decoded, sorted, re-joined with '&amp;'; empty if none)
 * TIMESTAMP\n            (Unix seconds, as sent in X-Sms-Timestamp)
 * NONCE\n                (as sent in X-Sms-Nonce)
 * HEX(SHA-256(body))
 * </pre>
 * and sent as lower-case hex in {@code X-Sms-Signature}.
 */
public final class RequestSignature {
    public static final String ALGORITHM = "SMS-HMAC-SHA256";
    public static final String KEY_ID = "X-Sms-Key-Id";
    public static final String TIMESTAMP = "X-Sms-Timestamp";
    public static final String NONCE = "X-Sms-Nonce";
    public static final String SIGNATURE = "X-Sms-Signature";

    private RequestSignature() {
    }

    public static String canonical(String method, String path, String rawQuery, String timestamp, String nonce, byte[] body) {
        return ALGORITHM + "\n" + method.toUpperCase() + "\n" + path + "\n" + canonicalQuery(rawQuery) + "\n"
                + timestamp + "\n" + nonce + "\n" + sha256Hex(body);
    }

    public static String sign(String secret, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time comparison of two hex signatures. */
    public static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                pairs.add(name + "=" + value);
            }
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
