package org.sms1069.api.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The reviewers' console is static (classpath:/static/console/, served by Spring Boot). WebFlux only
 * maps a welcome page at "/", so the folder itself needs these two routes; the redirect keeps the
 * page's relative links resolving under /console/.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleRoutes {
    private static final Resource INDEX = new ClassPathResource("static/console/index.html");

    @Bean
    RouterFunction<ServerResponse> consoleIndex() {
        return route(GET("/console"), request -> ServerResponse.permanentRedirect(URI.create("/console/")).build())
                .andRoute(GET("/console/"), request -> ServerResponse.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(INDEX));
    }
}
