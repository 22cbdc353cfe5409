package org.sms1069.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/** One signed request with its retries: a fresh timestamp and nonce for every attempt, the same body and Idempotency-Key. */
final class SignedTransport {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;
    private final String baseUrl;
    private final String keyId;
    private final RequestSigner signer;
    private final RetryPolicy retries;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json;

    SignedTransport(HttpClient http, String baseUrl, String keyId, String keySecret, RetryPolicy retries,
                    Duration timeout, Clock clock, ObjectMapper json) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.keyId = keyId;
        this.signer = new RequestSigner(keySecret);
        this.retries = retries;
        this.timeout = timeout;
        this.clock = clock;
        this.json = json;
    }

    /**
     * @param pathAndQuery   e.g. {@code /v1/messages?status=DELIVERED}, query already percent-encoded
     * @param idempotencyKey sent and signed when not null; makes a POST safe to repeat after a lost answer
     * @return the answer's JSON body of a 2xx
     * @throws ApiProblem for any other status, after the retries the policy allows
     */
    JsonNode call(String method, String pathAndQuery, byte[] body, String idempotencyKey) {
        boolean repeatable = method.equals("GET") || idempotencyKey != null;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(signed(method, pathAndQuery, body, idempotencyKey), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!repeatable || attempt >= retries.maxAttempts()) {
                    throw new UncheckedIOException(method + " " + pathAndQuery + " failed after " + attempt + " attempt(s)", e);
                }
                pause(retries.backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + method + " " + pathAndQuery, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body());
            }
            Duration retryAfter = retryAfter(response).orElse(null);
            ApiProblem problem = new ApiProblem(status, problemBody(response.body(), status), retryAfter);
            if (!(status == 429 || status == 503) || attempt >= retries.maxAttempts()) {
                throw problem;
            }
            Duration wait = retryAfter != null ? retryAfter : retries.backoff(attempt);
            if (wait.compareTo(retries.maxRetryAfter()) > 0) {
                throw problem;
            }
            pause(wait);
        }
    }

    private HttpRequest signed(String method, String pathAndQuery, byte[] body, String idempotencyKey) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        long timestamp = clock.instant().getEpochSecond();
        String nonce = nonce();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header(RequestSigner.KEY_ID, keyId)
                .header(RequestSigner.TIMESTAMP, Long.toString(timestamp))
                .header(RequestSigner.NONCE, nonce)
                .header(RequestSigner.VERSION, "2")
                .header(RequestSigner.SIGNATURE,
                        signer.sign(method, uri.getRawPath(), uri.getRawQuery(), timestamp, nonce, idempotencyKey, body));
        if (idempotencyKey != null) {
            request.header(RequestSigner.IDEMPOTENCY_KEY, idempotencyKey);
        }
        if (body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        return request.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the api answered a body that is not JSON", e);
        }
    }

    /** A proxy's HTML error page still becomes a problem, with the status as its only information. */
    private JsonNode problemBody(byte[] body, int status) {
        try {
            JsonNode node = body.length == 0 ? null : json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException ignored) {
            // not problem+json: described by the status below
        }
        return JsonNodeFactory.instance.objectNode().put("status", status).put("detail", "HTTP " + status + " without a problem body");
    }

    /** Retry-After in seconds, as the api sends it (an HTTP date is not used by the api and is ignored). */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
