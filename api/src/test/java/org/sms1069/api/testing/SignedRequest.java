package org.sms1069.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.sms1069.api.auth.RequestSignature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One request to the api, signed over the exact bytes it sends, with a way to break each part of
 * the signing scheme on purpose: stale timestamps, chosen nonces, missing headers, a body changed
 * after signing, a chunked body without Content-Length.
 */
public final class SignedRequest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String method;
    private final String pathAndQuery;
    private byte[] body = new byte[0];
    private byte[] sentBody;
    private String contentType = "application/json";
    private ApiKey key;
    private Long timestamp;
    private String nonce;
    private boolean chunked;
    private boolean v2;
    private final Set<String> omitted = new HashSet<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private String signedIdempotencyKey;

    private SignedRequest(String method, String pathAndQuery) {
        this.method = method;
        this.pathAndQuery = pathAndQuery;
    }

    public static SignedRequest post(String pathAndQuery) {
        return new SignedRequest("POST", pathAndQuery);
    }

    public static SignedRequest get(String pathAndQuery) {
        return new SignedRequest("GET", pathAndQuery);
    }

    public static SignedRequest delete(String pathAndQuery) {
        return new SignedRequest("DELETE", pathAndQuery);
    }

    public static SignedRequest of(String method, String pathAndQuery) {
        return new SignedRequest(method, pathAndQuery);
    }

    public SignedRequest json(Object value) {
        try {
            return body(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public SignedRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public SignedRequest body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    public SignedRequest contentType(String value) {
        this.contentType = value;
        return this;
    }

    public SignedRequest by(ApiKey key) {
        this.key = key;
        return this;
    }

    /** Unix seconds to sign and send instead of now. */
    public SignedRequest timestamp(long unixSeconds) {
        this.timestamp = unixSeconds;
        return this;
    }

    public SignedRequest nonce(String value) {
        this.nonce = value;
        return this;
    }

    /** Signs the body given before, but sends these bytes: a body changed in transit. */
    public SignedRequest sendInstead(byte[] changed) {
        this.sentBody = changed.clone();
        return this;
    }

    public SignedRequest without(String header) {
        omitted.add(header);
        return this;
    }

    /** Sends this header value instead of the computed one (the signature is computed as usual). */
    public SignedRequest header(String name, String value) {
        overrides.put(name, value);
        if (name.equalsIgnoreCase(RequestSignature.IDEMPOTENCY_KEY) && signedIdempotencyKey == null) {
            signedIdempotencyKey = value;
        }
        return this;
    }

    /** Version 2 signs this Idempotency-Key, whatever the header sent says. */
    public SignedRequest signedIdempotencyKey(String value) {
        this.signedIdempotencyKey = value;
        return this;
    }

    /** Signs with version 2 of the scheme (and sends its version header); version 1 otherwise. */
    public SignedRequest v2() {
        this.v2 = true;
        return this;
    }

    /** Streams the body without Content-Length, so a size limit cannot be checked up front. */
    public SignedRequest chunked() {
        this.chunked = true;
        return this;
    }

    /**
     * The request as HTTP/1.1 bytes with Host and Content-Length, for a test that drives the connection itself (a
     * client that goes away before the answer).
     */
    public byte[] http11(String baseUrl) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        StringBuilder head = new StringBuilder(method + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        signedHeaders(uri).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] wire = wire();
        head.append("Content-Length: ").append(wire.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + wire.length);
        System.arraycopy(wire, 0, request, headBytes.length, wire.length);
        return request;
    }

    public ApiResponse send(String baseUrl) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        return sendWith(uri, signedHeaders(uri));
    }

    private Map<String, String> signedHeaders(URI uri) {
        if (key == null) {
            throw new IllegalStateException("no key: call by(key)");
        }
        String ts = String.valueOf(timestamp != null ? timestamp : System.currentTimeMillis() / 1000);
        String n = nonce != null ? nonce : UUID.randomUUID().toString();
        String signature = RequestSignature.sign(key.secret(), v2
                ? RequestSignature.canonicalV2(method, uri.getRawPath(), uri.getRawQuery(), ts, n,
                        signedIdempotencyKey, body)
                : RequestSignature.canonical(method, uri.getRawPath(), uri.getRawQuery(), ts, n, body));
        Map<String, String> headers = new LinkedHashMap<>();
        if (v2) {
            headers.put(RequestSignature.VERSION, "2");
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.put(RequestSignature.KEY_ID, key.keyId());
        headers.put(RequestSignature.TIMESTAMP, ts);
        headers.put(RequestSignature.NONCE, n);
        headers.put(RequestSignature.SIGNATURE, signature);
        headers.putAll(overrides);
        omitted.forEach(headers::remove);
        return headers;
    }

    /** The body as it goes on the wire: the one set to be sent instead of the signed one, if any. */
    private byte[] wire() {
        return sentBody != null ? sentBody : body;
    }

    private ApiResponse sendWith(URI uri, Map<String, String> headers) {
        byte[] wire = wire();
        HttpRequest.BodyPublisher publisher;
        if (wire.length == 0) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(wire));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(wire);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, publisher);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
