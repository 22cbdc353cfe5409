package org.sms1069.messaging.web;

import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;

/**
 * {@code GET /actuator/health} on a service's public port: the overall status and nothing else ({@code {"status":"UP"}}
 * with 200, any other status with 503), for load balancers and for whoever checked health there before the
 * management port existed. The details, the probes' groups, info and metrics stay on the management port.
 */
public final class PublicHealth {
    public static final String PATH = "/actuator/health";

    private PublicHealth() {
    }

    public static RouterFunction<ServerResponse> route(HealthEndpoint health) {
        return RouterFunctions.route(RequestPredicates.GET(PATH), request ->
                // contributors may block (a broker that does not answer): off the event loop
                Mono.fromCallable(() -> health.health().getStatus())
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(status -> ServerResponse.status(Status.UP.equals(status) ? 200 : 503)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("status", status.getCode()))));
    }
}
