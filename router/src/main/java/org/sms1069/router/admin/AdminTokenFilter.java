package org.sms1069.router.admin;

import org.sms1069.messaging.web.GuardedPaths;
import org.sms1069.router.config.RouterProperties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

/**
 * Guards {@code /admin/**}: the request must carry {@code X-Router-Admin-Token} equal to
 * {@code sms.router.admin-token} or one of {@code sms.router.previous-admin-tokens}. Without a
 * configured token every admin request is refused, so the endpoints are closed unless an operator
 * opens them. Which requests are admin requests is decided on the path Spring routes on
 * ({@link GuardedPaths}), so no spelling of a path reaches an admin handler unguarded. The router is an
 * internal service: the token keeps accidental and casual use out; put it behind the cluster network as well.
 */
@Component
public class AdminTokenFilter implements WebFilter {
    public static final String HEADER = "X-Router-Admin-Token";
    private static final GuardedPaths ADMIN = GuardedPaths.of("/admin/**");
    private static final byte[] UNAUTHORIZED = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"admin endpoints need the X-Router-Admin-Token header\",\"code\":\"UNAUTHENTICATED\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final List<byte[]> tokens;

    public AdminTokenFilter(RouterProperties properties) {
        RouterProperties.Routing routing = properties.router();
        this.tokens = Stream.concat(Stream.of(routing.adminToken()), routing.previousAdminTokens().stream())
                .filter(token -> token != null && !token.isBlank())
                .map(token -> token.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ADMIN.covers(exchange.getRequest().getPath())) {
            return chain.filter(exchange);
        }
        if (accepted(exchange.getRequest().getHeaders().getFirst(HEADER))) {
            return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(UNAUTHORIZED);
        return response.writeWith(Mono.just(body));
    }

    /** Compared with every configured token, each in constant time. */
    private boolean accepted(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] token : tokens) {
            match |= MessageDigest.isEqual(token, given);
        }
        return match;
    }
}
