package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
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

/** A CMPP link with a wrong password stays down, says so in /actuator/health, and keeps trying with back-off. */
class CmppLoginFailureTest {

    @Test
    void wrongPasswordReportsTheLinkDownAndRetries() throws Exception {
        try (CmppSimulator cmpp = CmppSimulator.start(CmppSimulatorConfig.defaults());
             ConfigurableApplicationContext gateway = Platform.gatewayOnly(List.of(
                     new Platform.Link("CMCC", "CMPP30", cmpp.port(), cmpp.config().account(), "not-the-password")))) {
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + Platform.port(gateway) + "/actuator/health");

            await().atMost(Duration.ofSeconds(30)).until(() -> cmpp.counters().loginsRejected.get() >= 3);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(response.body());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(gateway.getBean(LinkHealthReporter.class).connections().values()).containsOnly(0);
            assertThat(cmpp.loggedInSessions()).isZero();
        }
    }
}
