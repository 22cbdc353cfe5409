package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sms1069.api.auth.RequestSignature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** Calls the api exactly as an app would: JSON bodies, requests signed with the key's secret. */
final class SignedClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String keyId;
    private final String secret;

    SignedClient(String baseUrl, String keyId, String secret) {
        this.baseUrl = baseUrl;
        this.keyId = keyId;
        this.secret = secret;
    }

    record Response(int status, JsonNode body) {
    }

    Response post(String path, Object body) {
        return call("POST", path, write(body));
    }

    Response patch(String path, Object body) {
        return call("PATCH", path, write(body));
    }

    Response get(String path) {
        return call("GET", path, new byte[0]);
    }

    private Response call(String method, String pathAndQuery, byte[] body) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString();
        String canonical = RequestSignature.canonicalV2(method, uri.getRawPath(), uri.getRawQuery(), timestamp, nonce, null, body);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(RequestSignature.KEY_ID, keyId)
                .header(RequestSignature.TIMESTAMP, timestamp)
                .header(RequestSignature.NONCE, nonce)
                .header(RequestSignature.SIGNATURE, RequestSignature.sign(secret, canonical))
                .header(RequestSignature.VERSION, "2")
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
