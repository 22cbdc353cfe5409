package org.sms1069.router.admin;

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

/**
 * Guards {@code /admin/**}: the request must carry {@code X-Router-Admin-Token} equal to
 * {@code sms.router.admin-token}. Without a configured token every admin request is refused, so the
 * endpoints are closed unless an operator opens them. The router is an internal service: the token
 * keeps accidental and casual use out; put it behind the cluster network as well.
 */
@Component
public class AdminTokenFilter implements WebFilter {
    public static final String HEADER = "X-Router-Admin-Token";
    private static final byte[] UNAUTHORIZED = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"admin endpoints need the X-Router-Admin-Token header\",\"code\":\"UNAUTHENTICATED\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] token;

    public AdminTokenFilter(RouterProperties properties) {
        String configured = properties.router().adminToken();
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/admin/")) {
            return chain.filter(exchange);
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (token != null && presented != null
                && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(UNAUTHORIZED);
        return response.writeWith(Mono.just(body));
    }
}
