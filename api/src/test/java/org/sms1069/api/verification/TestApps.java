package org.sms1069.api.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sms1069.api.auth.RequestSignature;
import org.sms1069.api.testing.ApiKey;
import org.sms1069.api.testing.RunningApi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Onboarding with settings and approved templates, and signed calls with any method that keep the
 * response headers (Retry-After): what the verification, callback and MO tests share.
 */
public final class TestApps {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private TestApps() {
    }

    public record Answer(int status, HttpHeaders headers, JsonNode body) {
        public Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected " + expected + ", got " + status + ": " + body);
            }
            return this;
        }
    }

    public static Answer call(RunningApi api, ApiKey key, String method, String pathAndQuery, Object body) {
        try {
            byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
            URI uri = URI.create(api.baseUrl() + pathAndQuery);
            String ts = String.valueOf(System.currentTimeMillis() / 1000);
            String nonce = UUID.randomUUID().toString();
            String signature = RequestSignature.sign(key.secret(),
                    RequestSignature.canonical(method, uri.getRawPath(), uri.getRawQuery(), ts, nonce, bytes));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header(RequestSignature.KEY_ID, key.keyId())
                    .header(RequestSignature.TIMESTAMP, ts)
                    .header(RequestSignature.NONCE, nonce)
                    .header(RequestSignature.SIGNATURE, signature)
                    .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Answer post(RunningApi api, ApiKey key, String path, Object body) {
        return call(api, key, "POST", path, body);
    }

    /** A new app with these settings and an approved signature. */
    public static RunningApi.TestApp onboard(RunningApi api, String name, String extension, String signature,
                                             Map<String, Object> settings) {
        JsonNode app = post(api, RunningApi.ADMIN, "/admin/v1/apps",
                Map.of("name", name, "extension", extension, "settings", settings)).expect(201).body();
        String appId = app.get("appId").asText();
        String sigId = post(api, RunningApi.ADMIN, "/admin/v1/apps/" + appId + "/signatures", Map.of("name", signature))
                .expect(201).body().get("id").asText();
        post(api, reviewer(api), "/compliance/v1/signatures/" + sigId + "/review", Map.of("decision", "APPROVED")).expect(200);
        return new RunningApi.TestApp(appId, extension, signature,
                new ApiKey(app.get("keyId").asText(), app.get("keySecret").asText()));
    }

    /** Registers a template and has a reviewer approve it; answers its id. */
    public static String approvedTemplate(RunningApi api, String appId, String type, String content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", type.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6));
        body.put("type", type);
        body.put("content", content);
        String id = post(api, RunningApi.ADMIN, "/admin/v1/apps/" + appId + "/templates", body).expect(201).body().get("id").asText();
        post(api, reviewer(api), "/compliance/v1/templates/" + id + "/review", Map.of("decision", "APPROVED")).expect(200);
        return id;
    }

    public static String callbackSecret(RunningApi api, String appId) {
        return call(api, RunningApi.ADMIN, "GET", "/admin/v1/apps/" + appId + "/callback-secret", null)
                .expect(200).body().get("callbackSecret").asText();
    }

    private static ApiKey reviewer(RunningApi api) {
        JsonNode key = post(api, RunningApi.ADMIN, "/admin/v1/reviewers", Map.of()).expect(201).body();
        return new ApiKey(key.get("keyId").asText(), key.get("keySecret").asText());
    }
}
