package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A native link whose login the carrier refuses stays down, says so in /actuator/health (management port) and keeps trying
 * with back-off. Runs a gateway of its own: closing a Spring context in the JVM of a running platform
 * would take the shared Reactor Netty resources with it.
 */
final class LoginFailures {
    private LoginFailures() {
    }

    static void assertDownAndRetrying(NettySimulator<?, ?> carrier, Platform.Link refusedLink) throws Exception {
        try (ConfigurableApplicationContext gateway = Platform.gatewayOnly(List.of(refusedLink))) {
            URI health = URI.create("http://127.0.0.1:" + Platform.managementPort(gateway) + "/actuator/health");

            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.counters().loginsRejected.get() >= 3);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            JsonNode notUp = body.at("/components/links/details/linksNotUp");
            assertThat(notUp.size()).isEqualTo(1);
            assertThat(notUp.elements().next().asText()).isEqualTo("DOWN");
            assertThat(gateway.getBean(LinkHealthReporter.class).statuses()).allSatisfy(link -> assertThat(link.connections()).isZero());
            assertThat(carrier.loggedInSessions()).isZero();
        }
    }
}
