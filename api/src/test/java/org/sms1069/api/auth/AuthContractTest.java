package org.sms1069.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sms1069.api.testing.ApiKey;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.api.testing.Problems.assertProblem;

/**
 * The signing scheme from the outside, against the running api: what a correctly signed request gets,
 * and the precise 401, 403 or 404 for every way of getting it wrong.
 */
class AuthContractTest {
    private static final String NOT_SIGNED = "request is not signed: send X-Sms-Key-Id, X-Sms-Timestamp, X-Sms-Nonce and X-Sms-Signature";
    private static final String BAD_SIGNATURE = "signature does not match the request";
    private static final String STALE = "X-Sms-Timestamp is more than 300 s from server time";
    private static final String BAD_NONCE = "X-Sms-Nonce must be 8-64 letters, digits, '-' or '_'";
    private static final String REPLAYED = "nonce was already used: each request needs a new one";

    private static RunningApi api;
    private static RunningApi.TestApp appA;
    private static RunningApi.TestApp appB;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        appA = api.onboardApp("Auth A", "", "甲科技");
        appB = api.onboardApp("Auth B", "", "乙科技");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void correctlySignedRequestIsAccepted() {
        ApiResponse sent = api.send(send(appA.key(), Phones.unique("138")));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        assertThat(sent.contentType()).startsWith("application/json");
        String id = sent.json().get("messages").get(0).get("messageId").asText();
        ApiResponse status = api.send(SignedRequest.get("/v1/messages/" + id).by(appA.key()));
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(status.json().get("id").asText()).isEqualTo(id);
    }

    @Test
    void signatureInUpperCaseHexIsAccepted() {
        String id = sendOne(appA);
        SignedRequest request = SignedRequest.get("/v1/messages/" + id).by(appA.key());
        String nonce = UUID.randomUUID().toString();
        long now = System.currentTimeMillis() / 1000;
        String signature = RequestSignature.sign(appA.key().secret(),
                RequestSignature.canonical("GET", "/v1/messages/" + id, null, String.valueOf(now), nonce, new byte[0]));

        ApiResponse response = api.send(request.timestamp(now).nonce(nonce)
                .header(RequestSignature.SIGNATURE, signature.toUpperCase()));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {RequestSignature.KEY_ID, RequestSignature.SIGNATURE})
    void requestWithoutKeyOrSignatureIsNotSigned(String header) {
        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).without(header));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(NOT_SIGNED);
    }

    @Test
    void requestWithoutAnyHeaderIsNotSigned() {
        ApiResponse response = api.send(send(appA.key(), Phones.unique("138"))
                .without(RequestSignature.KEY_ID).without(RequestSignature.TIMESTAMP)
                .without(RequestSignature.NONCE).without(RequestSignature.SIGNATURE));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(NOT_SIGNED);
    }

    @Test
    void requestWithoutNonceIsRefused() {
        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).without(RequestSignature.NONCE));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(BAD_NONCE);
    }

    @Test
    void requestWithoutTimestampIsRefused() {
        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).without(RequestSignature.TIMESTAMP));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo("X-Sms-Timestamp must be Unix seconds");
    }

    @Test
    void timestampInMillisecondsIsStale() {
        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).timestamp(System.currentTimeMillis()));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(STALE);
    }

    /** now - 2^63: a difference from the server's clock that overflows to Long.MIN_VALUE must not pass as small. */
    @Test
    void timestampThatOverflowsTheDifferenceIsStale() {
        long timestamp = System.currentTimeMillis() / 1000 + Long.MIN_VALUE;

        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).timestamp(timestamp));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(STALE);
    }

    @Test
    void unknownKeyIsRefused() {
        ApiKey stranger = new ApiKey("AKUNKNOWN" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), "whatever");

        ApiResponse response = api.send(send(stranger, Phones.unique("138")));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo("unknown or revoked key " + stranger.keyId());
    }

    @Test
    void malformedKeyIdIsRefused() {
        ApiResponse response = api.send(send(new ApiKey("key with spaces", "whatever"), Phones.unique("138")));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo("X-Sms-Key-Id is malformed");
    }

    @Test
    void revokedKeyIsRefusedWhileTheRotatedKeyWorks() {
        RunningApi.TestApp app = api.onboardApp("Rotating", "", "丙科技");
        JsonNode created = api.send(SignedRequest.post("/admin/v1/apps/" + app.appId() + "/keys").by(RunningApi.ADMIN)
                .json(Map.of())).json();
        ApiKey newKey = new ApiKey(created.get("keyId").asText(), created.get("keySecret").asText());

        ApiResponse revoked = api.send(SignedRequest.delete("/admin/v1/keys/" + app.key().keyId()).by(RunningApi.ADMIN));
        ApiResponse oldKey = api.send(send(app.key(), app.signature(), Phones.unique("138")));
        ApiResponse rotated = api.send(send(newKey, app.signature(), Phones.unique("138")));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(detail(assertProblem(oldKey, 401, "UNAUTHENTICATED"))).isEqualTo("unknown or revoked key " + app.key().keyId());
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(202);
    }

    @Test
    void wrongSecretIsABadSignature() {
        ApiResponse response = api.send(send(new ApiKey(appA.key().keyId(), appB.key().secret()), Phones.unique("138")));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void garbageSignatureIsABadSignature() {
        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).header(RequestSignature.SIGNATURE, "not-hex-at-all"));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void bodyChangedAfterSigningIsABadSignature() {
        String phone = Phones.unique("138");
        byte[] other = body(Phones.unique("138"));

        ApiResponse response = api.send(send(appA.key(), phone).sendInstead(other));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void bodyWithOneExtraSpaceIsABadSignature() {
        byte[] signed = body(Phones.unique("138"));
        byte[] spaced = (new String(signed, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);

        ApiResponse response = api.send(SignedRequest.post("/v1/messages").by(appA.key()).body(signed).sendInstead(spaced));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void changedQueryIsABadSignature() {
        String id = sendOne(appA);
        long now = System.currentTimeMillis() / 1000;
        String nonce = UUID.randomUUID().toString();
        String signedForOtherQuery = RequestSignature.sign(appA.key().secret(),
                RequestSignature.canonical("GET", "/v1/messages/" + id, "verbose=false", String.valueOf(now), nonce, new byte[0]));

        ApiResponse response = api.send(SignedRequest.get("/v1/messages/" + id + "?verbose=true").by(appA.key())
                .timestamp(now).nonce(nonce).header(RequestSignature.SIGNATURE, signedForOtherQuery));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void signatureForAnotherPathIsABadSignature() {
        String mine = sendOne(appA);
        String other = sendOne(appA);
        long now = System.currentTimeMillis() / 1000;
        String nonce = UUID.randomUUID().toString();
        String signedForOther = RequestSignature.sign(appA.key().secret(),
                RequestSignature.canonical("GET", "/v1/messages/" + other, null, String.valueOf(now), nonce, new byte[0]));

        ApiResponse response = api.send(SignedRequest.get("/v1/messages/" + mine).by(appA.key())
                .timestamp(now).nonce(nonce).header(RequestSignature.SIGNATURE, signedForOther));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(BAD_SIGNATURE);
    }

    @ParameterizedTest(name = "{0} s off")
    @ValueSource(ints = {-301, 301, -3600, 86_400})
    void timestampOutsideTheWindowIsRefused(int offset) {
        long timestamp = System.currentTimeMillis() / 1000 + offset;

        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).timestamp(timestamp));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(STALE);
    }

    @ParameterizedTest(name = "{0} s off")
    @ValueSource(ints = {-290, 290})
    void timestampInsideTheWindowIsAccepted(int offset) {
        long timestamp = System.currentTimeMillis() / 1000 + offset;

        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).timestamp(timestamp));

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    @Test
    void replayedNonceIsRefused() {
        String id = sendOne(appA);
        String nonce = "replay-" + UUID.randomUUID();

        ApiResponse first = api.send(SignedRequest.get("/v1/messages/" + id).by(appA.key()).nonce(nonce));
        ApiResponse replay = api.send(SignedRequest.get("/v1/messages/" + id).by(appA.key()).nonce(nonce));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(detail(assertProblem(replay, 401, "UNAUTHENTICATED"))).isEqualTo(REPLAYED);
    }

    @Test
    void replayedSendIsRefusedAndSendsNothingMore() {
        long now = System.currentTimeMillis() / 1000;
        String nonce = "replay-" + UUID.randomUUID();
        String phone = Phones.unique("138");

        ApiResponse first = api.send(send(appA.key(), phone).timestamp(now).nonce(nonce));
        ApiResponse replay = api.send(send(appA.key(), phone).timestamp(now).nonce(nonce));

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(detail(assertProblem(replay, 401, "UNAUTHENTICATED"))).isEqualTo(REPLAYED);
    }

    @Test
    void replayedIdempotentSendIsRefusedRatherThanAnsweredFromTheStore() {
        String nonce = "replay-" + UUID.randomUUID();
        String key = "idem-" + UUID.randomUUID();
        String phone = Phones.unique("138");

        ApiResponse first = api.send(send(appA.key(), phone).header("Idempotency-Key", key).nonce(nonce));
        ApiResponse replay = api.send(send(appA.key(), phone).header("Idempotency-Key", key).nonce(nonce));

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(detail(assertProblem(replay, 401, "UNAUTHENTICATED"))).isEqualTo(REPLAYED);
    }

    @Test
    void replayedRefusedSendIsRefusedAsAReplay() {
        String nonce = "replay-" + UUID.randomUUID();

        ApiResponse first = api.send(send(appA.key(), "未批准签名", Phones.unique("138")).nonce(nonce));
        ApiResponse replay = api.send(send(appA.key(), "未批准签名", Phones.unique("138")).nonce(nonce));

        assertProblem(first, 422, "SIGNATURE_NOT_APPROVED");
        assertThat(detail(assertProblem(replay, 401, "UNAUTHENTICATED"))).isEqualTo(REPLAYED);
    }

    @Test
    void nonceIsPerKey() {
        String nonce = "shared-" + UUID.randomUUID();

        ApiResponse a = api.send(send(appA.key(), Phones.unique("138")).nonce(nonce));
        ApiResponse b = api.send(send(appB.key(), appB.signature(), Phones.unique("138")).nonce(nonce));

        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        assertThat(b.status()).as(b.toString()).isEqualTo(202);
    }

    @Test
    void badlySignedRequestDoesNotUseUpItsNonce() {
        String nonce = "kept-" + UUID.randomUUID();
        String phone = Phones.unique("138");

        ApiResponse forged = api.send(send(new ApiKey(appA.key().keyId(), "forged"), phone).nonce(nonce));
        ApiResponse genuine = api.send(send(appA.key(), phone).nonce(nonce));

        assertProblem(forged, 401, "UNAUTHENTICATED");
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(202);
    }

    @ParameterizedTest(name = "nonce ''{0}''")
    @ValueSource(strings = {"short", "has space inside", "semi;colon-nonce", "ünïcödé-nonce", "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void malformedNonceIsRefused(String nonce) {
        ApiResponse response = api.send(send(appA.key(), Phones.unique("138")).nonce(nonce));

        assertThat(detail(assertProblem(response, 401, "UNAUTHENTICATED"))).isEqualTo(BAD_NONCE);
    }

    @Test
    void adminKeyCannotSend() {
        ApiResponse response = api.send(send(RunningApi.ADMIN, Phones.unique("138")));

        assertThat(detail(assertProblem(response, 403, "FORBIDDEN"))).isEqualTo("this operation needs the APP role");
    }

    @Test
    void appKeyCannotCreateApps() {
        ApiResponse response = api.send(SignedRequest.post("/admin/v1/apps").by(appA.key()).json(Map.of("name", "Sneaky")));

        assertThat(detail(assertProblem(response, 403, "FORBIDDEN"))).isEqualTo("this operation needs the ADMIN role");
    }

    @Test
    void appKeyCannotReviewItsOwnSignature() {
        ApiResponse response = api.send(SignedRequest.post("/compliance/v1/signatures/whatever/review").by(appA.key())
                .json(Map.of("decision", "APPROVED")));

        assertThat(detail(assertProblem(response, 403, "FORBIDDEN"))).isEqualTo("this operation needs the COMPLIANCE role");
    }

    @Test
    void anotherAppsMessageIsNotFound() {
        String id = sendOne(appA);

        ApiResponse mine = api.send(SignedRequest.get("/v1/messages/" + id).by(appA.key()));
        ApiResponse theirs = api.send(SignedRequest.get("/v1/messages/" + id).by(appB.key()));
        ApiResponse admin = api.send(SignedRequest.get("/v1/messages/" + id).by(RunningApi.ADMIN));

        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(detail(assertProblem(theirs, 404, "NOT_FOUND"))).isEqualTo("no message " + id + " for this app");
        assertThat(theirs.body()).doesNotContain(appA.appId()).doesNotContain(mine.json().get("phone").asText());
        assertProblem(admin, 403, "FORBIDDEN");
    }

    @Test
    void anotherAppsMessageLooksLikeAnUnknownOne() {
        String id = sendOne(appA);
        String unknown = org.sms1069.model.MessageIds.next();

        JsonNode theirs = assertProblem(api.send(SignedRequest.get("/v1/messages/" + id).by(appB.key())), 404, "NOT_FOUND");
        JsonNode none = assertProblem(api.send(SignedRequest.get("/v1/messages/" + unknown).by(appB.key())), 404, "NOT_FOUND");

        assertThat(detail(theirs).replace(id, "ID")).isEqualTo(detail(none).replace(unknown, "ID"));
    }

    @Test
    void unsignedPathsOutsideTheApiStayOpen() {
        ApiResponse docs = unsigned("/v3/api-docs", api.baseUrl());

        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
    }

    /** Health details, info and metrics only on the management port; the public port does not serve them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/actuator/info", "/actuator/prometheus", "/actuator"})
    void managementEndpointsAreOnlyOnTheManagementPort(String path) {
        ApiResponse onPublicPort = unsigned(path, api.baseUrl());
        if (path.equals("/actuator/health")) {
            assertThat(onPublicPort.status()).as(onPublicPort.toString()).isEqualTo(200);
            assertThat(onPublicPort.json().toString()).as("the status alone, no details").isEqualTo("{\"status\":\"UP\"}");
        } else {
            assertThat(onPublicPort.status()).as(onPublicPort.toString()).isEqualTo(404);
        }

        ApiResponse onManagementPort = unsigned(path, api.managementUrl());
        assertThat(onManagementPort.status()).as(onManagementPort.toString()).isEqualTo(200);
        if (path.equals("/actuator/health")) {
            assertThat(onManagementPort.json().at("/components/consumers/status").asText()).isNotEmpty();
        }
    }

    private static ApiResponse unsigned(String path, String baseUrl) {
        return SignedRequest.get(path).by(new ApiKey("none", "none"))
                .without(RequestSignature.KEY_ID).without(RequestSignature.SIGNATURE).send(baseUrl);
    }

    /** A send of app A's approved signature, whoever signs it. */
    /**
     * Every spelling of a signed path (matrix parameters, percent-encoded letters, doubled slashes, dot
     * segments, a trailing slash, other case) is decided by the filter as Spring routes it: unsigned it
     * is the filter's 401, signed it passes the filter.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/admin/v1/apps/{app}", "/admin;x/v1/apps/{app}", "/admin/v1;x=1/apps;y/{app}", "/%61dmin/v1/apps/{app}",
            "/%41DMIN/v1/apps/{app}", "//admin/v1/apps/{app}", "/admin//v1/apps/{app}", "/x/../admin/v1/apps/{app}",
            "/./admin/v1/apps/{app}", "/admin/v1/apps/{app}/", "/ADMIN/v1/apps/{app}", "/Admin/V1/Apps/{app}", "/admin%2Fv1/apps/{app}",
            "/%63ompliance/v1/blocked", "/compliance;x/v1/blocked"})
    void everySpellingOfASignedPathIsAuthenticatedByTheFilter(String spelling) {
        String path = spelling.replace("{app}", appA.appId());
        ApiKey key = path.contains("ompliance") ? reviewer() : RunningApi.ADMIN;
        ApiResponse unsigned = api.send(SignedRequest.get(path).by(key).without(RequestSignature.SIGNATURE));
        assertThat(detail(assertProblem(unsigned, 401, "UNAUTHENTICATED"))).as(path).isEqualTo(NOT_SIGNED);

        ApiResponse signed = api.send(SignedRequest.get(path).by(key));
        assertThat(signed.status()).as(signed.toString()).isNotEqualTo(401).isLessThan(500);
        if (signed.status() == 200 && path.contains("/apps/")) {
            assertThat(signed.json().get("id").asText()).isEqualTo(appA.appId());
        }
    }

    private static ApiKey reviewer() {
        JsonNode created = api.send(SignedRequest.post("/admin/v1/reviewers").by(RunningApi.ADMIN).json(Map.of())).json();
        return new ApiKey(created.get("keyId").asText(), created.get("keySecret").asText());
    }

    private static SignedRequest send(ApiKey key, String phone) {
        return send(key, appA.signature(), phone);
    }

    private static SignedRequest send(ApiKey key, String signature, String phone) {
        return SignedRequest.post("/v1/messages").by(key).body(body(signature, phone));
    }

    private static byte[] body(String phone) {
        return body(appA.signature(), phone);
    }

    private static byte[] body(String signature, String phone) {
        return ("{\"phones\":[\"" + phone + "\"],\"text\":\"【" + signature + "】您的订单已发货。\",\"type\":\"NOTIFICATION\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String sendOne(RunningApi.TestApp app) {
        String text = "【" + app.signature() + "】您的订单已发货。";
        ApiResponse sent = api.send(SignedRequest.post("/v1/messages").by(app.key())
                .json(Map.of("phones", List.of(Phones.unique("138")), "text", text, "type", "NOTIFICATION")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        return sent.json().get("messages").get(0).get("messageId").asText();
    }

    private static String detail(JsonNode problem) {
        return problem.get("detail").asText();
    }
}
