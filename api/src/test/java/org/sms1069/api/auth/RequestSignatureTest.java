package org.sms1069.api.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSignatureTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** The worked example of docs/api.md, cross-checked there with openssl: a client in any language must get these. */
    private static final String README_BODY =
            "{\"phones\":[\"13800138000\"],\"text\":\"【示例科技】您的验证码是482913，5分钟内有效。\",\"type\":\"VERIFICATION\"}";
    private static final String README_BODY_SHA256 = "4a2bb7bc9b12844f277675d207147e07d476779ce329a5ba9e9685be342091e9";
    private static final String README_SIGNATURE = "d02c1219b94d3b4636e8c6749833cdb1c117ee6487ed545f1bd6b07a4dcc2047";

    @Test
    void canonicalStringIsSevenLinesWithoutTrailingNewline() {
        byte[] body = README_BODY.getBytes(StandardCharsets.UTF_8);

        String canonical = RequestSignature.canonical("post", "/v1/messages", null, "1764331200", "3f6c1e0a9b2d4c58", body);

        assertThat(canonical).isEqualTo("SMS-HMAC-SHA256\nPOST\n/v1/messages\n\n1764331200\n3f6c1e0a9b2d4c58\n"
                + README_BODY_SHA256);
        assertThat(canonical.split("\n", -1)).hasSize(7);
    }

    @Test
    void emptyBodyHashesTheEmptyString() {
        String canonical = RequestSignature.canonical("GET", "/v1/messages/01ABC", "", "1700000000", "nonce-123", new byte[0]);

        assertThat(canonical).isEqualTo("SMS-HMAC-SHA256\nGET\n/v1/messages/01ABC\n\n1700000000\nnonce-123\n" + EMPTY_SHA256);
    }

    @Test
    void bodyHashIsOverTheExactBytes() {
        byte[] body = README_BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSignature.sha256Hex(body)).isEqualTo(README_BODY_SHA256).isEqualTo(independentSha256(body));
        // one more space changes the hash: the server must hash what it received, not a re-serialisation
        byte[] spaced = README_BODY.replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSignature.sha256Hex(spaced)).isNotEqualTo(README_BODY_SHA256);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', emptyValue = "", nullValues = "NULL", value = {
            "NULL                   | ''",
            "''                     | ''",
            "b=2&a=1                | a=1&b=2",
            "a=2&a=1&a=10           | a=1&a=10&a=2",
            "q=hello%20world        | q=hello world",
            "q=a+b                  | q=a b",
            "n%61me=%E4%BD%A0%E5%A5%BD | name=你好",
            "flag&x=1               | flag=&x=1",
            "a=1&&b=2&              | a=1&b=2",
            "eq=a%3Db%26c           | eq=a=b&c",
    })
    void queryIsDecodedSortedAndRejoined(String rawQuery, String expected) {
        assertThat(RequestSignature.canonicalQuery(rawQuery)).isEqualTo(expected);
    }

    @Test
    void parameterOrderDoesNotMatterButDecodedValuesDo() {
        String a = RequestSignature.canonical("GET", "/v1/messages", "status=DELIVERED&phone=%2B8613800138000", "1", "nonce-123", new byte[0]);
        String b = RequestSignature.canonical("GET", "/v1/messages", "status=DELIVERED&phone=+8613800138000", "1", "nonce-123", new byte[0]);
        String c = RequestSignature.canonical("GET", "/v1/messages", "phone=%2B8613800138000&status=DELIVERED", "1", "nonce-123", new byte[0]);

        // '+' in a query is a space, so only the encoded form means a plus sign
        assertThat(b).isNotEqualTo(a);
        assertThat(c).isEqualTo(a);
    }

    @Test
    void signatureOfTheReadmeExampleIsKnown() {
        String canonical = RequestSignature.canonical("POST", "/v1/messages", null, "1764331200", "3f6c1e0a9b2d4c58",
                README_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(RequestSignature.sign("demo-secret", canonical)).isEqualTo(README_SIGNATURE);
    }

    @Test
    void signatureIsLowerCaseHexHmacSha256OfTheCanonicalString() throws Exception {
        String canonical = RequestSignature.canonical("GET", "/v1/messages/01J", "b=x+y&a=1", "1700000000", "nonce-123", new byte[0]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cr3t".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String independent = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));

        String signature = RequestSignature.sign("s3cr3t", canonical);

        assertThat(signature).isEqualTo(independent)
                // computed with openssl from the same seven lines
                .isEqualTo("e976d208e8570a74227fceedc54d564bf91bfbd35cfa466350bd1ea6b6590f75")
                .matches("[0-9a-f]{64}");
        assertThat(RequestSignature.sign("s3cr3u", canonical)).isNotEqualTo(signature);
    }

    /** Version 1 joins decoded values with raw '&' and '=': these two queries mean different things but sign alike. */
    @ParameterizedTest(name = "[{index}] ''{0}'' vs ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "a=1&b=2            | a=1%26b%3D2",
            "phone=1&status=X   | phone=1%26status%3DX",
            "q=a%3Db            | q%3Da=b",
            "q=x&q=y            | q=x%26q%3Dy",
    })
    void queriesThatShareAVersion1SignatureGetDifferentVersion2Signatures(String first, String second) {
        String v1First = RequestSignature.canonical("GET", "/v1/messages", first, "1764331200", "nonce-123", new byte[0]);
        String v1Second = RequestSignature.canonical("GET", "/v1/messages", second, "1764331200", "nonce-123", new byte[0]);
        assertThat(RequestSignature.sign("demo-secret", v1First)).isEqualTo(RequestSignature.sign("demo-secret", v1Second));

        String v2First = RequestSignature.canonicalV2("GET", "/v1/messages", first, "1764331200", "nonce-123", null, new byte[0]);
        String v2Second = RequestSignature.canonicalV2("GET", "/v1/messages", second, "1764331200", "nonce-123", null, new byte[0]);
        assertThat(RequestSignature.sign("demo-secret", v2First)).isNotEqualTo(RequestSignature.sign("demo-secret", v2Second));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", nullValues = "NULL", value = {
            "NULL                      | \"\"",
            "b=2&a=1                   | a=1&b=2",
            "a=2&a=1&a=10              | a=1&a=10&a=2",
            "q=hello%20world           | q=hello%20world",
            "q=a+b                     | q=a%20b",
            "n%61me=%e4%bd%a0%E5%A5%BD | name=%E4%BD%A0%E5%A5%BD",
            "flag&x=1                  | flag=&x=1",
            "eq=a%3Db%26c              | eq=a%3Db%26c",
            "t=-._~*'()!               | t=-._~%2A%27%28%29%21",
            "ab=1&a=2                  | a=2&ab=1",
    })
    void version2QueryIsDecodedReEncodedAndSortedByNameThenValue(String rawQuery, String expected) {
        assertThat(RequestSignature.canonicalQueryV2(rawQuery)).isEqualTo(expected);
    }

    /** The version 2 examples of docs/api.md, computed independently (Python hmac) from the same eight lines. */
    @Test
    void version2SignsTheIdempotencyKeyAndMatchesTheReadmeExamples() {
        byte[] body = README_BODY.getBytes(StandardCharsets.UTF_8);
        String post = RequestSignature.canonicalV2("POST", "/v1/messages", null, "1764331200", "3f6c1e0a9b2d4c58",
                "order-42-shipped", body);
        assertThat(post).isEqualTo("SMS-HMAC-SHA256-2\nPOST\n/v1/messages\n\n1764331200\n3f6c1e0a9b2d4c58\n"
                + "order-42-shipped\n" + README_BODY_SHA256);
        assertThat(RequestSignature.sign("demo-secret", post))
                .isEqualTo("0f40b4e34b30747919998fa1b45d2065eb561a3e9dfc56a7658126ffa6a4e1fe");
        String otherKey = RequestSignature.canonicalV2("POST", "/v1/messages", null, "1764331200", "3f6c1e0a9b2d4c58",
                "order-43-shipped", body);
        assertThat(RequestSignature.sign("demo-secret", otherKey)).isNotEqualTo(RequestSignature.sign("demo-secret", post));

        String get = RequestSignature.canonicalV2("GET", "/v1/messages",
                "status=DELIVERED&clientRef=order+42%2F%E4%B8%80&phone=%2B8613800138000", "1764331200", "3f6c1e0a9b2d4c58",
                null, new byte[0]);
        assertThat(get.split("\n", -1)).hasSize(8);
        assertThat(get.split("\n", -1)[3]).isEqualTo("clientRef=order%2042%2F%E4%B8%80&phone=%2B8613800138000&status=DELIVERED");
        assertThat(RequestSignature.sign("demo-secret", get))
                .isEqualTo("f1b902b8b87e572fd96eab5577d40d9e9a8692c9c8c8aa36de8a275e8dd76e3b");
    }

    @Test
    void matchesAcceptsTheSameSignatureInEitherCase() {
        assertThat(RequestSignature.matches(README_SIGNATURE, README_SIGNATURE)).isTrue();
        assertThat(RequestSignature.matches(README_SIGNATURE, README_SIGNATURE.toUpperCase())).isTrue();
    }

    @Test
    void matchesRefusesAnyDifference() {
        char[] firstWrong = README_SIGNATURE.toCharArray();
        firstWrong[0] = firstWrong[0] == '0' ? '1' : '0';
        char[] lastWrong = README_SIGNATURE.toCharArray();
        lastWrong[63] = lastWrong[63] == '0' ? '1' : '0';

        assertThat(RequestSignature.matches(README_SIGNATURE, new String(firstWrong))).isFalse();
        assertThat(RequestSignature.matches(README_SIGNATURE, new String(lastWrong))).isFalse();
        assertThat(RequestSignature.matches(README_SIGNATURE, README_SIGNATURE.substring(0, 63))).isFalse();
        assertThat(RequestSignature.matches(README_SIGNATURE, README_SIGNATURE + "0")).isFalse();
        assertThat(RequestSignature.matches(README_SIGNATURE, "")).isFalse();
        // non-ASCII must not be folded into a match
        assertThat(RequestSignature.matches(README_SIGNATURE, "é".repeat(64))).isFalse();
    }

    /**
     * Timing cannot be measured reliably on a shared test machine; what makes {@code matches} constant
     * time is that it compares with {@link MessageDigest#isEqual}, whose time does not depend on where
     * the first difference is. This pins that both ways of differing give the same answer as isEqual.
     */
    @Test
    void matchesAgreesWithMessageDigestIsEqual() {
        String other = RequestSignature.sign("another", "x");
        assertThat(RequestSignature.matches(README_SIGNATURE, other))
                .isEqualTo(MessageDigest.isEqual(README_SIGNATURE.getBytes(StandardCharsets.US_ASCII),
                        other.getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
    }

    private static String independentSha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
