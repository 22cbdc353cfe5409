package org.sms1069.client;

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
 * Signing scheme version 2 (README, "Signing requests"): lower-case hex HMAC-SHA256, keyed with the key
 * secret, of the eight lines
 * {@code SMS-HMAC-SHA256-2, METHOD, PATH, CANONICAL_QUERY, TIMESTAMP, NONCE, IDEMPOTENCY_KEY, hex(SHA-256(body))}
 * joined by {@code \n}.
 */
public final class RequestSigner {
    public static final String KEY_ID = "X-Sms-Key-Id";
    public static final String TIMESTAMP = "X-Sms-Timestamp";
    public static final String NONCE = "X-Sms-Nonce";
    public static final String SIGNATURE = "X-Sms-Signature";
    public static final String VERSION = "X-Sms-Signature-Version";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String ALGORITHM = "SMS-HMAC-SHA256-2";
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]);
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private final String secret;

    public RequestSigner(String secret) {
        this.secret = secret;
    }

    /**
     * @param rawQuery       the query exactly as sent (percent-encoded), or null
     * @param idempotencyKey the Idempotency-Key header as sent, or null
     */
    public String sign(String method, String rawPath, String rawQuery, long timestamp, String nonce,
                       String idempotencyKey, byte[] body) {
        return hmacHex(secret, canonical(method, rawPath, rawQuery, timestamp, nonce, idempotencyKey, body));
    }

    public static String canonical(String method, String rawPath, String rawQuery, long timestamp, String nonce,
                                   String idempotencyKey, byte[] body) {
        return String.join("\n", ALGORITHM, method.toUpperCase(java.util.Locale.ROOT), rawPath, canonicalQuery(rawQuery),
                Long.toString(timestamp), nonce, idempotencyKey == null ? "" : idempotencyKey, sha256Hex(body));
    }

    /** Each part split at its first '=', decoded as form data, encoded again per RFC 3986, sorted by name then value. */
    public static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (!part.isEmpty()) {
                int eq = part.indexOf('=');
                String name = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                pairs.add(new String[]{encode(decode(name)), encode(decode(value))});
            }
        }
        pairs.sort(BY_NAME_THEN_VALUE);
        return pairs.stream().map(pair -> pair[0] + "=" + pair[1]).collect(Collectors.joining("&"));
    }

    /** RFC 3986: every UTF-8 byte but A-Z a-z 0-9 - . _ ~ as %XX, upper-case hex. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (UNRESERVED.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
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

    static String hmacHex(String secret, String text) {
        return hmacHex(secret, text.getBytes(StandardCharsets.UTF_8));
    }

    static String hmacHex(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
