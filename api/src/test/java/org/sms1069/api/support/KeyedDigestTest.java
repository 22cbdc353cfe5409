package org.sms1069.api.support;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedDigestTest {
    private static final String MASTER = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void isTheHmacUnderTheLabelsKeyOnEveryCallAndThread() throws Exception {
        KeyedDigest digest = KeyedDigest.derive(MASTER, "label/v1");
        byte[] expected = hmac(hmac(Base64.getDecoder().decode(MASTER), "label/v1"), "text");

        assertThat(digest.of("text")).isEqualTo(expected);
        assertThat(digest.of("other")).isNotEqualTo(expected);
        assertThat(digest.of("text")).as("the same again after another text").isEqualTo(expected);
        assertThat(CompletableFuture.supplyAsync(() -> digest.of("text")).get()).as("on another thread").isEqualTo(expected);
        assertThat(digest.of("text", 12)).isEqualTo(Arrays.copyOf(expected, 12));
        assertThat(KeyedDigest.derive(MASTER, "label/v2").of("text")).as("another label").isNotEqualTo(expected);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
