package org.sms1069.api.auth;

import org.springframework.web.util.UriUtils;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The signing scheme (README, "Signing requests"). Version 2 (header {@code X-Sms-Signature-Version: 2}):
 * HMAC-SHA256 with the key secret over
 * <pre>
 * SMS-HMAC-SHA256-2\n
 * METHOD\n
 * PATH\n
 * CANONICAL_QUERY\n      (each name and value decoded, then RFC 3986 encoded; sorted by name, then value;
 *                        name=value joined with '&amp;'; empty if none)
 * TIMESTAMP\n
 * NONCE\n
 * IDEMPOTENCY_KEY\n      (as sent in Idempotency-Key; empty if none)
 * HEX(SHA-256(body))
 * </pre>
 * Version 1 (no version header), accepted until {@code sms.security.signature-v1-until}, over
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
    public static final String VERSION = "X-Sms-Signature-Version";
    /** Signed in version 2 (the idempotency store's header). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String ALGORITHM_V2 = "SMS-HMAC-SHA256-2";
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]);

    private RequestSignature() {
    }

    public static String canonical(String method, String path, String rawQuery, String timestamp, String nonce, byte[] body) {
        return ALGORITHM + "\n" + method.toUpperCase() + "\n" + path + "\n" + canonicalQuery(rawQuery) + "\n"
                + timestamp + "\n" + nonce + "\n" + sha256Hex(body);
    }

    /** Version 2: names and values re-encoded (RFC 3986), so no two queries share it; the Idempotency-Key signed. */
    public static String canonicalV2(String method, String path, String rawQuery, String timestamp, String nonce,
                                     String idempotencyKey, byte[] body) {
        return ALGORITHM_V2 + "\n" + method.toUpperCase() + "\n" + path + "\n" + canonicalQueryV2(rawQuery) + "\n"
                + timestamp + "\n" + nonce + "\n" + (idempotencyKey == null ? "" : idempotencyKey) + "\n" + sha256Hex(body);
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

    /** Decoded as the server reads parameters ({@code +} is a space), then every byte but A-Z a-z 0-9 - . _ ~ as %XX. */
    static String canonicalQueryV2(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                pairs.add(new String[]{encode(decode(eq < 0 ? pair : pair.substring(0, eq))),
                        eq < 0 ? "" : encode(decode(pair.substring(eq + 1)))});
            }
        }
        pairs.sort(BY_NAME_THEN_VALUE);
        return pairs.stream().map(pair -> pair[0] + "=" + pair[1]).collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return UriUtils.encode(text, StandardCharsets.UTF_8);
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
