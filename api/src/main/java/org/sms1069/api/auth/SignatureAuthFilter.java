package org.sms1069.api.auth;

import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.logging.RequestLogContext;
import org.sms1069.messaging.web.GuardedPaths;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Authenticates every request under /v1, /admin and /compliance by its HMAC signature (see
 * {@link RequestSignature}); which requests those are is decided on the path Spring routes on
 * ({@link GuardedPaths}), whatever its spelling. The body is read once, with the size limit, hashed, and handed on.
 * The nonce of a send is checked in the send's one Redis round trip ({@link NonceClaim}); every other
 * request's nonce is checked here.
 */
@Component
@Order(0)
public class SignatureAuthFilter implements WebFilter {
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final GuardedPaths SIGNED = GuardedPaths.of("/v1/**", "/admin/**", "/compliance/**");
    private static final GuardedPaths SENDS = GuardedPaths.of("/v1/messages", "/v1/verification-codes");

    private final ApiKeyStore keys;
    private final NonceStore nonces;
    private final Duration skew;
    private final Duration nonceLifetime;
    private final Instant v1Until;
    private final int maxBody;
    private final Clock clock = Clock.systemUTC();

    public SignatureAuthFilter(ApiKeyStore keys, NonceStore nonces, ApiProperties properties) {
        this.keys = keys;
        this.nonces = nonces;
        this.skew = properties.security().clockSkew();
        this.nonceLifetime = properties.security().nonceLifetime();
        this.v1Until = properties.security().signatureV1Until();
        this.maxBody = (int) properties.limits().maxBody().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!SIGNED.covers(request.getPath())) {
            return chain.filter(exchange);
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBody) {
            return Mono.error(new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "request body exceeds " + maxBody + " bytes"));
        }
        String keyId = header(request, RequestSignature.KEY_ID);
        String timestamp = header(request, RequestSignature.TIMESTAMP);
        String nonce = header(request, RequestSignature.NONCE);
        String signature = header(request, RequestSignature.SIGNATURE);
        if (keyId.isEmpty() || signature.isEmpty()) {
            return unauthenticated("request is not signed: send " + RequestSignature.KEY_ID + ", "
                    + RequestSignature.TIMESTAMP + ", " + RequestSignature.NONCE + " and " + RequestSignature.SIGNATURE);
        }
        if (!KEY_ID.matcher(keyId).matches()) {
            return unauthenticated(RequestSignature.KEY_ID + " is malformed");
        }
        if (!NONCE.matcher(nonce).matches()) {
            return unauthenticated(RequestSignature.NONCE + " must be 8-64 letters, digits, '-' or '_'");
        }
        String version = header(request, RequestSignature.VERSION);
        if (!version.isEmpty() && !version.equals("1") && !version.equals("2")) {
            return unauthenticated(RequestSignature.VERSION + " must be 2 (or 1, or absent for 1)");
        }
        boolean v2 = version.equals("2");
        if (!v2 && v1Until != null && !clock.instant().isBefore(v1Until)) {
            return unauthenticated("signature version 1 is not accepted since " + v1Until + ": sign with version 2 and send "
                    + RequestSignature.VERSION + ": 2");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return unauthenticated(RequestSignature.TIMESTAMP + " must be Unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        // compared, not subtracted: now - sentAt overflows for a timestamp near Long.MIN_VALUE
        if (sentAt < now - skew.toSeconds() || sentAt > now + skew.toSeconds()) {
            return unauthenticated(RequestSignature.TIMESTAMP + " is more than " + skew.toSeconds() + " s from server time");
        }
        return DataBufferUtils.join(request.getBody(), maxBody)
                .map(RequestBody::copyOf)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> keys.find(keyId)
                        .switchIfEmpty(Mono.error(new ApiException(ErrorCode.UNAUTHENTICATED, "unknown or revoked key " + keyId)))
                        .flatMap(key -> verify(request, v2, key, timestamp, nonce, signature, body))
                        .flatMap(key -> {
                            exchange.getAttributes().put(Caller.ATTRIBUTE, new Caller(key.keyId(), key.role(), key.appId()));
                            return authenticated(exchange, chain, request, body, key, nonce)
                                    .contextWrite(RequestLogContext.app(key.appId()));
                        }));
    }

    private Mono<Void> authenticated(ServerWebExchange exchange, WebFilterChain chain, ServerHttpRequest request,
                                     byte[] body, ApiKeyStore.Key key, String nonce) {
        ServerWebExchange signed = exchange.mutate().request(withBody(request, body, exchange)).build();
        if (key.role() == Role.APP && request.getMethod() == HttpMethod.POST && SENDS.covers(request.getPath())) {
            NonceClaim claim = nonces.claim(key.keyId(), nonce, nonceLifetime);
            return chain.filter(signed)
                    .onErrorResume(error -> claim.ensure().then(Mono.error(error)))
                    .contextWrite(context -> context.put(NonceClaim.class, claim));
        }
        return nonces.firstUse(key.keyId(), nonce, nonceLifetime).flatMap(first -> first
                ? chain.filter(signed) : Mono.error(NonceStore.replayed()));
    }

    private Mono<ApiKeyStore.Key> verify(ServerHttpRequest request, boolean v2, ApiKeyStore.Key key, String timestamp,
                                         String nonce, String signature, byte[] body) {
        String method = request.getMethod().name();
        String path = request.getPath().value();
        String query = request.getURI().getRawQuery();
        String canonical;
        try {
            canonical = v2
                    ? RequestSignature.canonicalV2(method, path, query, timestamp, nonce,
                            header(request, RequestSignature.IDEMPOTENCY_KEY), body)
                    : RequestSignature.canonical(method, path, query, timestamp, nonce, body);
        } catch (IllegalArgumentException e) {
            return Mono.error(new ApiException(ErrorCode.MALFORMED_REQUEST, "the query string is not valid percent-encoding"));
        }
        if (!RequestSignature.matches(RequestSignature.sign(key.secret(), canonical), signature)) {
            return unauthenticated("signature does not match the request");
        }
        return Mono.just(key);
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body, ServerWebExchange exchange) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body.length == 0 ? Flux.empty() : Flux.just(exchange.getResponse().bufferFactory().wrap(body));
            }
        };
    }

    private static String header(ServerHttpRequest request, String name) {
        String value = request.getHeaders().getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static <T> Mono<T> unauthenticated(String reason) {
        return Mono.error(new ApiException(ErrorCode.UNAUTHENTICATED, reason));
    }

    /** Copies a joined buffer into an array and releases it. */
    private static final class RequestBody {
        static byte[] copyOf(DataBuffer buffer) {
            try {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                return bytes;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }
    }
}
