package org.sms1069.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's worked examples ("Signing requests"), byte for byte. */
class RequestSignerTest {
    static final String SECRET = "demo-secret";
    static final long TIMESTAMP = 1764331200L;
    static final String NONCE = "3f6c1e0a9b2d4c58";
    static final byte[] BODY = "{\"phones\":[\"13800138000\"],\"text\":\"【示例科技】您的验证码是482913，5分钟内有效。\",\"type\":\"VERIFICATION\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void readmePostExampleWithIdempotencyKey() {
        assertThat(RequestSigner.sha256Hex(BODY)).isEqualTo("4a2bb7bc9b12844f277675d207147e07d476779ce329a5ba9e9685be342091e9");
        assertThat(new RequestSigner(SECRET).sign("POST", "/v1/messages", null, TIMESTAMP, NONCE, "order-42-shipped", BODY))
                .isEqualTo("0f40b4e34b30747919998fa1b45d2065eb561a3e9dfc56a7658126ffa6a4e1fe");
    }

    @Test
    void readmeGetExampleWithQuery() {
        String query = "status=DELIVERED&clientRef=order+42%2F%E4%B8%80&phone=%2B8613800138000";
        assertThat(RequestSigner.canonicalQuery(query))
                .isEqualTo("clientRef=order%2042%2F%E4%B8%80&phone=%2B8613800138000&status=DELIVERED");
        assertThat(new RequestSigner(SECRET).sign("GET", "/v1/messages", query, TIMESTAMP, NONCE, null, new byte[0]))
                .isEqualTo("f1b902b8b87e572fd96eab5577d40d9e9a8692c9c8c8aa36de8a275e8dd76e3b");
    }

    @Test
    void encodedSeparatorsNeverShareACanonicalQuery() {
        assertThat(RequestSigner.canonicalQuery("a=1&b=2")).isNotEqualTo(RequestSigner.canonicalQuery("a=1%26b%3D2"));
        assertThat(RequestSigner.canonicalQuery("b=2&a&a=1&&")).isEqualTo("a=&a=1&b=2");
        assertThat(RequestSigner.encode("a b~-._/+一")).isEqualTo("a%20b~-._%2F%2B%E4%B8%80");
    }
}
