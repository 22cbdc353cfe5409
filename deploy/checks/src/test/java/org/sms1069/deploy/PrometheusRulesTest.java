package org.sms1069.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules and every Prometheus configuration under deploy/ pass {@code promtool check}, and the rules
 * pass their unit tests (deploy/prometheus/alerts.test.yml), which cover every alert. Skipped only where promtool
 * cannot be had (deploy/test.sh installs Debian's prometheus package).
 */
class PrometheusRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path RULES_DIR = Repo.path("deploy/prometheus");
    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = Promtool.find().orElse(null);
    }

    @Test
    void rulesAreValid() throws Exception {
        assertPasses(RULES_DIR, "check", "rules", "alerts.yml");
    }

    @Test
    void everyPrometheusConfigIsValid() throws Exception {
        for (Path config : prometheusConfigs()) {
            assertPasses(config.getParent(), "check", "config", config.getFileName().toString());
        }
    }

    @Test
    void rulesPassTheirUnitTests() throws Exception {
        assertPasses(RULES_DIR, "test", "rules", "alerts.test.yml");
    }

    @Test
    void everyAlertHasAUnitTest() throws IOException {
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : YAML.readTree(RULES_DIR.resolve("alerts.yml").toFile()).path("groups")) {
            group.path("rules").forEach(rule -> {
                if (rule.hasNonNull("alert")) {
                    alerts.add(rule.get("alert").asText());
                }
            });
        }
        Set<String> tested = new TreeSet<>();
        for (JsonNode test : YAML.readTree(RULES_DIR.resolve("alerts.test.yml").toFile()).path("tests")) {
            test.path("alert_rule_test").forEach(t -> {
                if (!t.path("exp_alerts").isEmpty()) {
                    tested.add(t.path("alertname").asText());
                }
            });
        }
        assertThat(alerts).contains("ServiceDown", "ServiceAbsent", "ConsumerLagGrowing", "DeadLetters",
                "CallbacksGivenUp", "CarrierLinkDown", "DeliveryRatioLow");
        assertThat(tested).as("alerts with a unit test that expects them to fire").isEqualTo(alerts);
    }

    private static Set<Path> prometheusConfigs() throws IOException {
        try (Stream<Path> files = Files.list(RULES_DIR)) {
            Set<Path> configs = new TreeSet<>(files.filter(p -> p.getFileName().toString().matches("prometheus.*\\.yml"))
                    .toList());
            assertThat(configs).contains(RULES_DIR.resolve("prometheus.yml"));
            return configs;
        }
    }

    private static void assertPasses(Path dir, String... args) throws Exception {
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus)");
        Promtool.Result result = Promtool.run(promtool, dir, args);
        assertThat(result.exitCode()).as("promtool %s in %s:%n%s", String.join(" ", args), dir, result.output())
                .isZero();
    }
}
