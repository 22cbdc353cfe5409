package org.sms1069.api.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiKey;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.api.testing.Problems.assertProblem;

/**
 * Signing scheme version 2 against a running api whose version 1 cut-off has passed and whose clock
 * skew is 2 s: version 1 refused, the Idempotency-Key signed, a replay at the edge of the timestamp
 * window refused, and the previous admin key still accepted during a rotation.
 */
class SigningVersionsTest {
    private static final String CUT_OFF = "2026-01-01T00:00:00Z";
    private static final ApiKey PREVIOUS_ADMIN = new ApiKey("admin-previous", "admin-previous-secret");

    private static RunningApi api;
    private static RunningApi.TestApp app;

    @BeforeAll
    static void start() {
        api = RunningApi.start("sms.security.signature-v1-until=" + CUT_OFF, "sms.security.clock-skew=2s",
                "sms.security.previous-admin-keys[0].key-id=" + PREVIOUS_ADMIN.keyId(),
                "sms.security.previous-admin-keys[0].secret=" + PREVIOUS_ADMIN.secret());
        app = api.onboardApp("Signing v2", "", "签名科技");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void version1IsRefusedAfterTheCutOffAndVersion2Accepted() {
        ApiResponse v1 = api.send(SignedRequest.get("/v1/templates?limit=5").by(app.key()));
        assertThat(assertProblem(v1, 401, "UNAUTHENTICATED").get("detail").asText()).isEqualTo("signature version 1 is "
                + "not accepted since " + CUT_OFF + ": sign with version 2 and send X-Sms-Signature-Version: 2");

        ApiResponse v2 = api.send(SignedRequest.get("/v1/templates?limit=5").by(app.key()).v2());
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
    }

    @Test
    void anUnknownVersionIsRefused() {
        ApiResponse response = api.send(SignedRequest.get("/v1/templates").by(app.key()).v2()
                .header(RequestSignature.VERSION, "3"));

        assertProblem(response, 401, "UNAUTHENTICATED");
    }

    @Test
    void theIdempotencyKeyIsSigned() {
        Map<String, Object> body = Map.of("phones", List.of(Phones.unique("138")), "text", "【签名科技】您的订单已发货。",
                "type", "NOTIFICATION");

        ApiResponse swapped = api.send(SignedRequest.post("/v1/messages").by(app.key()).v2().json(body)
                .signedIdempotencyKey("order-1").header("Idempotency-Key", "order-2"));
        assertThat(assertProblem(swapped, 401, "UNAUTHENTICATED").get("detail").asText())
                .isEqualTo("signature does not match the request");

        ApiResponse signed = api.send(SignedRequest.post("/v1/messages").by(app.key()).v2().json(body)
                .header("Idempotency-Key", "order-3"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(202);
    }

    /**
     * A request stamped 2 s ahead (the skew) stays acceptable until the server's clock reads 4 s after its
     * first use; its nonce must be remembered past that. Replayed in the last second of the window it is
     * refused (with a nonce kept exactly 2 x skew it would be forgotten and accepted).
     */
    @Test
    void aReplayAtTheEdgeOfTheWindowIsRefused() throws InterruptedException {
        long second = waitForTheStartOfASecond();
        long stamped = second + 2;
        String nonce = UUID.randomUUID().toString();

        ApiResponse first = api.send(SignedRequest.get("/v1/templates").by(app.key()).v2().timestamp(stamped).nonce(nonce));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        sleepUntil((second + 4) * 1000 + 500);
        ApiResponse replay = api.send(SignedRequest.get("/v1/templates").by(app.key()).v2().timestamp(stamped).nonce(nonce));
        assertThat(assertProblem(replay, 401, "UNAUTHENTICATED").get("detail").asText())
                .isEqualTo("nonce was already used: each request needs a new one");
    }

    @Test
    void thePreviousAdminKeyWorksDuringARotation() {
        ApiResponse current = api.send(SignedRequest.get("/admin/v1/apps/" + app.appId()).by(RunningApi.ADMIN).v2());
        ApiResponse previous = api.send(SignedRequest.get("/admin/v1/apps/" + app.appId()).by(PREVIOUS_ADMIN).v2());
        ApiResponse wrongSecret = api.send(SignedRequest.get("/admin/v1/apps/" + app.appId())
                .by(new ApiKey(PREVIOUS_ADMIN.keyId(), "guessed")).v2());

        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        assertThat(previous.status()).as(previous.toString()).isEqualTo(200);
        assertProblem(wrongSecret, 401, "UNAUTHENTICATED");
    }

    /** Answers the Unix second that has just begun (at most 100 ms ago). */
    private static long waitForTheStartOfASecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        sleepUntil((now / 1000 + 1) * 1000);
        return System.currentTimeMillis() / 1000;
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
