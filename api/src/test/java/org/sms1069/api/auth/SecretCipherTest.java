package org.sms1069.api.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;

    private final SecretCipher cipher = new SecretCipher(randomKey(32));

    @Test
    void roundTripGivesBackTheSecret() {
        for (String secret : new String[]{"", "demo-secret", cipher.newSecret(), "密钥-🔑"}) {
            assertThat(cipher.decrypt(cipher.encrypt(secret))).isEqualTo(secret);
        }
    }

    @Test
    void storedFormIsNonceCiphertextAndTagAndNeverTheClearSecret() {
        String secret = "demo-secret-that-is-long-enough";

        byte[] first = cipher.encrypt(secret);
        byte[] second = cipher.encrypt(secret);

        assertThat(first).hasSize(NONCE_BYTES + secret.length() + TAG_BYTES);
        assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        // a fresh nonce each time: equal secrets are not recognisable in a dump
        assertThat(second).isNotEqualTo(first);
        assertThat(cipher.decrypt(second)).isEqualTo(secret);
    }

    @Test
    void anotherMasterKeyCannotDecrypt() {
        byte[] stored = cipher.encrypt("demo-secret");
        SecretCipher other = new SecretCipher(randomKey(32));

        assertThatThrownBy(() -> other.decrypt(stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong master key");
    }

    @Test
    void everyTamperedByteIsDetected() {
        byte[] stored = cipher.encrypt("demo-secret");
        for (int i = 0; i < stored.length; i++) {
            byte[] tampered = stored.clone();
            tampered[i] ^= 0x01;
            int position = i;
            assertThatThrownBy(() -> cipher.decrypt(tampered))
                    .as("flipped bit in byte %d", position)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void truncatedCiphertextIsRefused() {
        byte[] stored = cipher.encrypt("demo-secret");

        assertThatThrownBy(() -> cipher.decrypt(java.util.Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(java.util.Arrays.copyOf(stored, NONCE_BYTES + TAG_BYTES - 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(java.util.Arrays.copyOf(stored, NONCE_BYTES - 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(new byte[0]))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 16, 24, 31, 33, 64})
    void masterKeyMustBe32Bytes(int length) {
        String key = randomKey(length);

        assertThatThrownBy(() -> new SecretCipher(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void masterKeyMustBeBase64() {
        assertThatThrownBy(() -> new SecretCipher("not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newSecretsAreUrlSafeAndDistinct() {
        String a = cipher.newSecret();
        String b = cipher.newSecret();

        assertThat(a).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(a)).hasSize(32);
        assertThat(b).isNotEqualTo(a);
    }

    private static String randomKey(int length) {
        byte[] key = new byte[length];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
