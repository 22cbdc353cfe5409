package org.sms1069.model.seal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Seals message texts that must not lie in Kafka in clear (verification codes): AES-256-GCM under the
 * platform's text key ({@code sms.kafka.text-key}, the same base64 32-byte key in api, router and gateway),
 * carried as base64. Only the services that need the text open it: the router to split it, the gateway to submit.
 */
public final class TextSeal {
    public static final String SETTING = "sms.kafka.text-key";

    private final AesGcm cipher;

    private TextSeal(AesGcm cipher) {
        this.cipher = cipher;
    }

    public static TextSeal ofBase64(String base64Key) {
        return new TextSeal(AesGcm.ofBase64(base64Key, SETTING));
    }

    public String seal(String text) {
        return Base64.getEncoder().encodeToString(cipher.encrypt(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The clear text; fails with {@link IllegalStateException} if {@code sealed} was not sealed with this key. */
    public String open(String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sealed text is not base64", e);
        }
        return new String(cipher.decrypt(bytes), StandardCharsets.UTF_8);
    }
}
