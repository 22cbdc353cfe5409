package org.sms1069.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The platform's REST API for an app: every request signed (version 2), sends under an Idempotency-Key (one
 * is made per call unless given, so a retried send never sends twice), retries as {@link RetryPolicy} says,
 * and every non-2xx answer thrown as an {@link ApiProblem}. Thread-safe; make one per key and share it.
 *
 * <pre>{@code
 * SmsClient sms = SmsClient.builder("https://sms.example.com", keyId, keySecret).build();
 * SendResult sent = sms.send(SendMessage.text(List.of("13800138000"), "【示例科技】您的订单已发货。", MessageType.NOTIFICATION));
 * Message message = sms.getMessage(sent.messages().get(0).messageId());
 * }</pre>
 */
public final class SmsClient {
    private final SignedTransport transport;
    private final ObjectMapper json;

    private SmsClient(SignedTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    public static Builder builder(String baseUrl, String keyId, String keySecret) {
        return new Builder(baseUrl, keyId, keySecret);
    }

    /** Sends under a new random Idempotency-Key (the retries of this call share it). */
    public SendResult send(SendMessage message) {
        return send(message, UUID.randomUUID().toString());
    }

    /**
     * @param idempotencyKey the same key with the same body gives the same answer for 24 h, without a second
     *                       send; a different body under a used key is a 409 CONFLICT
     */
    public SendResult send(SendMessage message, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return read(transport.call("POST", "/v1/messages", write(message), idempotencyKey), SendResult.class);
    }

    /** @throws ApiProblem NOT_FOUND for an unknown id or another app's message */
    public Message getMessage(String messageId) {
        return read(transport.call("GET", "/v1/messages/" + RequestSigner.encode(messageId), new byte[0], null), Message.class);
    }

    /**
     * The app's messages, newest first.
     *
     * @param filters any of {@code phone, status, from, to, clientRef, limit, cursor} (pass the previous page's
     *                {@code nextCursor} as {@code cursor})
     */
    public MessagePage listMessages(Map<String, String> filters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        filters.forEach((name, value) -> query.add(RequestSigner.encode(name) + "=" + RequestSigner.encode(value)));
        return read(transport.call("GET", "/v1/messages" + query, new byte[0], null), MessagePage.class);
    }

    /** Any other endpoint: a signed GET answering the JSON body. */
    public JsonNode get(String pathAndQuery) {
        return transport.call("GET", pathAndQuery, new byte[0], null);
    }

    /** Any other endpoint: a signed POST of {@code body} as JSON; with an idempotency key it is also retried after a lost answer. */
    public JsonNode post(String path, Object body, String idempotencyKey) {
        return transport.call("POST", path, write(body), idempotencyKey);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(JsonNode body, Class<T> type) {
        try {
            return json.treeToValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the api's answer does not fit " + type.getSimpleName(), e);
        }
    }

    public static final class Builder {
        private final String baseUrl;
        private final String keyId;
        private final String keySecret;
        private RetryPolicy retries = RetryPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(String baseUrl, String keyId, String keySecret) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            this.keyId = Objects.requireNonNull(keyId, "keyId");
            this.keySecret = Objects.requireNonNull(keySecret, "keySecret");
        }

        public Builder retries(RetryPolicy policy) {
            this.retries = Objects.requireNonNull(policy);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long one attempt may take, answer included. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The clock the timestamps come from (the api accepts ±300 s). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public SmsClient build() {
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            return new SmsClient(new SignedTransport(http, baseUrl, keyId, keySecret, retries, requestTimeout, clock, json), json);
        }
    }
}
