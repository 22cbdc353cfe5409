package org.sms1069.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's readiness group asks what the service uses (the api's ReadinessTest shows the mechanism at
 * work); liveness is left to the process's own state. Kubernetes restarts a pod on liveness, so a broker or
 * Redis outage must never be in it.
 */
class ReadinessGroupsTest {
    private static final Map<String, List<String>> USES = Map.of(
            "api", List.of("readinessState", "consumers", "kafka", "redis", "r2dbc"),
            "router", List.of("readinessState", "consumers", "kafka", "redis"),
            "gateway", List.of("readinessState", "consumers", "kafka", "redis"));

    @Test
    void readinessAsksTheDependenciesAndLivenessNone() throws Exception {
        for (var service : USES.entrySet()) {
            String name = service.getKey();
            JsonNode groups = Manifests.YAML.readTree(Repo.read(name + "/src/main/resources/" + name + ".yml"))
                    .path("management").path("endpoint").path("health").path("group");
            assertThat(List.of(groups.path("readiness").path("include").asText().split(","))).as(name)
                    .containsExactlyInAnyOrderElementsOf(service.getValue());
            assertThat(groups.has("liveness")).as("%s keeps Spring Boot's liveness group (livenessState only)", name)
                    .isFalse();
        }
    }
}
