package org.sms1069.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml gives each service only settings it has, scrapes the port the services serve their actuator
 * on, and provisions the dashboard; every service has an image definition of layered jars run as non-root.
 */
class ComposeAndImagesTest {
    private static final Map<String, ConfigKeys> SERVICES = Map.of(
            "api", new ConfigKeys("org.sms1069.api", Repo.read("api/src/main/resources/api.yml")),
            "router", new ConfigKeys("org.sms1069.router", Repo.read("router/src/main/resources/router.yml")),
            "gateway", new ConfigKeys("org.sms1069.gateway", Repo.read("gateway/src/main/resources/gateway.yml")),
            "carrier-sim", new ConfigKeys("org.sms1069.carriersim", Repo.read("carrier-sim/src/main/resources/carrier-sim.yml")));

    @Test
    void composeGivesEachServiceOnlySettingsItHas() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(services.fieldNames()).toIterable()
                .contains("kafka", "redis", "postgres", "prometheus", "grafana", "api", "router", "gateway", "carrier-sim");
        for (String name : SERVICES.keySet()) {
            Map<String, String> env = environment(services.path(name));
            assertThat(env).as(name).containsKeys("MANAGEMENT_SERVER_PORT", "LOGGING_STRUCTURED_FORMAT_CONSOLE");
            for (String variable : env.keySet()) {
                assertThat(SERVICES.get(name).knowsEnv(variable)).as("%s sets %s", name, variable).isTrue();
            }
            assertThat(services.path(name).path("build").path("dockerfile").asText()).isEqualTo("Dockerfile");
        }
        JsonNode links = Manifests.YAML.readTree(Repo.read("deploy/compose/links.yml"));
        for (String key : KubernetesManifestsTest.flatten(links, "")) {
            assertThat(SERVICES.get("gateway").knowsKey(key)).as("compose links.yml key %s", key).isTrue();
        }
    }

    @Test
    void prometheusScrapesTheManagementPortAndGrafanaGetsTheDashboard() {
        String port = environment(compose().path("services").path("api")).get("MANAGEMENT_SERVER_PORT");
        assertThat(Repo.read("deploy/prometheus/prometheus-compose.yml")).contains("replacement: \"${1}:" + port + "\"");
        String grafana = compose().path("services").path("grafana").path("volumes").toString();
        assertThat(grafana).contains("./deploy/grafana/sms-platform.json", "./deploy/grafana/provisioning");
        assertThat(Repo.path("deploy/grafana/provisioning/dashboards/sms.yml")).exists();
        assertThat(compose().path("services").path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    @Test
    void everyServiceImageRunsLayeredJarsAsNonRootWithJvmFlagsFromTheEnvironment() {
        for (String service : SERVICES.keySet()) {
            String dockerfile = Repo.read(service + "/Dockerfile");
            assertThat(dockerfile).as(service)
                    .contains("COPY target/" + service + "-*-exec.jar", "extract --layers", "USER 10001",
                            "ENV JAVA_TOOL_OPTIONS=", "org.springframework.boot.loader.launch.JarLauncher")
                    .doesNotContain("USER root");
        }
    }

    /** Read by SnakeYAML, which applies YAML merge keys ({@code <<: *service-env}) as Compose does. */
    private static JsonNode compose() {
        Object tree = new Yaml().load(Repo.read("docker-compose.yml"));
        return Manifests.YAML.valueToTree(tree);
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new TreeMap<>();
        service.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }
}
