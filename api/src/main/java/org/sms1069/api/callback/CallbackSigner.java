package org.sms1069.api.callback;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature apps verify on our callbacks: lower-case hex HMAC-SHA256, keyed with the app's
 * callback secret (its UTF-8 bytes), of {@code timestamp + "\n" + body}, the body as the exact bytes sent.
 */
public final class CallbackSigner {
    public static final String TIMESTAMP = "X-Sms-Timestamp";
    public static final String SIGNATURE = "X-Sms-Signature";

    private CallbackSigner() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
