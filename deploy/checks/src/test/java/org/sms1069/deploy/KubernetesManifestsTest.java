package org.sms1069.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/k8s: every manifest parses strictly into the fabric8/Strimzi model classes, the Deployments have probes,
 * resources and a disruption budget, api and router autoscale, every topic has a KafkaTopic, the SGIP server is
 * open to carrier addresses only, secrets are referenced and never given, and every setting the manifests give a
 * service (environment variables, links file) is one the service has.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Repo.path("deploy/k8s");
    private static final Map<String, ConfigKeys> SERVICES = Map.of(
            "api", new ConfigKeys("org.sms1069.api", Repo.read("api/src/main/resources/api.yml")),
            "router", new ConfigKeys("org.sms1069.router", Repo.read("router/src/main/resources/router.yml"),
                    Repo.read("deploy/k8s/base/links.yaml")),
            "gateway", new ConfigKeys("org.sms1069.gateway", Repo.read("gateway/src/main/resources/gateway.yml"),
                    Repo.read("deploy/k8s/base/links.yaml")));
    private static final List<HasMetadata> BASE = new ArrayList<>();

    @BeforeAll
    static void readBase() {
        for (Path file : Manifests.files(K8S.resolve("base"))) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                BASE.addAll(Manifests.read(file));
            }
        }
    }

    @Test
    void everyOverlayPatchParsesStrictlyToo() {
        List<Path> overlays = Manifests.files(K8S.resolve("overlays")).stream()
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).toList();
        assertThat(overlays).isNotEmpty();
        overlays.forEach(Manifests::read);
    }

    @Test
    void anUnknownFieldFailsTheParse() {
        JsonNode deployment = Manifests.YAML.valueToTree(of(Deployment.class, "api"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.path("spec").path("template").path("spec")
                .path("containers").get(0)).put("livenessprobe", "typo");
        assertThatThrownBy(() -> Manifests.parse(deployment, "test")).hasMessageContaining("livenessprobe");
    }

    @Test
    void kustomizationsNameExistingFilesAndTheBaseNamesEveryFile() throws Exception {
        for (Path kustomization : Manifests.files(K8S).stream()
                .filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList()) {
            Kustomization k = Manifests.YAML.readValue(kustomization.toFile(), Kustomization.class);
            Path dir = kustomization.getParent();
            for (String resource : k.resources()) {
                assertThat(dir.resolve(resource)).as("%s names %s", kustomization, resource).exists();
            }
            for (Kustomization.Patch patch : k.patches()) {
                assertThat(dir.resolve(patch.path())).as("%s patches with %s", kustomization, patch.path()).exists();
            }
            if (dir.endsWith("base")) {
                Set<String> files = Manifests.files(dir).stream().map(p -> p.getFileName().toString())
                        .filter(name -> !name.equals("kustomization.yaml")).collect(Collectors.toSet());
                assertThat(new HashSet<>(k.resources())).isEqualTo(files);
            }
        }
    }

    @Test
    void deploymentsHaveProbesOnTheManagementPortResourcesAndADisruptionBudget() {
        String managementPort = of(ConfigMap.class, "sms-settings").getData().get("MANAGEMENT_SERVER_PORT");
        List<Deployment> deployments = all(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("api", "router", "gateway");
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getPorts()).as(name).filteredOn(p -> "management".equals(p.getName()))
                    .extracting(ContainerPort::getContainerPort).containsExactly(Integer.valueOf(managementPort));
            assertProbe(container.getLivenessProbe(), "/actuator/health/liveness", name);
            assertProbe(container.getReadinessProbe(), "/actuator/health/readiness", name);
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(all(PodDisruptionBudget.class)).as("a PodDisruptionBudget for %s", name)
                    .anyMatch(pdb -> labels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        }
    }

    @Test
    void apiAndRouterScaleOnCpu() {
        assertThat(all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("api", "router");
        for (HorizontalPodAutoscaler hpa : all(HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getMetrics()).anyMatch(m -> "cpu".equals(m.getResource().getName()));
        }
    }

    @Test
    void everyTopicOfTheCodeAndEveryLinkHasAKafkaTopic() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof Topic<?> topic) {
                expected.add(topic.name());
            }
        }
        for (JsonNode link : links().path("sms").path("links")) {
            expected.add(Topics.OUT_PREFIX + link.path("id").asText());
        }
        assertThat(all(KafkaTopic.class)).extracting(t -> t.getSpec().getTopicName())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(all(KafkaTopic.class)).allMatch(t -> t.getSpec().getReplicas() == 3);
    }

    @Test
    void theSgipServerIsOpenOnlyToCarrierAddresses() {
        Deployment gateway = of(Deployment.class, "gateway");
        int sgip = gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .filter(p -> "sgip".equals(p.getName())).findFirst().orElseThrow().getContainerPort();
        for (Path file : Manifests.files(K8S)) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (HasMetadata resource : Manifests.read(file)) {
                if (resource instanceof NetworkPolicy policy && policy.getSpec().getPodSelector().getMatchLabels()
                        .equals(gateway.getSpec().getSelector().getMatchLabels())) {
                    List<NetworkPolicyIngressRule> sgipRules = policy.getSpec().getIngress().stream()
                            .filter(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == sgip))
                            .toList();
                    assertThat(sgipRules).as(file.toString()).isNotEmpty();
                    for (NetworkPolicyIngressRule rule : sgipRules) {
                        assertThat(rule.getFrom()).as(file.toString()).isNotEmpty()
                                .allMatch(peer -> peer.getIpBlock() != null && peer.getPodSelector() == null
                                        && peer.getNamespaceSelector() == null && isNarrow(peer));
                    }
                }
            }
        }
    }

    @Test
    void secretsAreReferencedNeverGiven() {
        for (Deployment deployment : all(Deployment.class)) {
            for (EnvVar env : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (env.getName().matches(".*(PASSWORD|SECRET|MASTER_KEY|TOKEN).*")) {
                    assertThat(env.getValue()).as(env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
                }
            }
        }
        assertThat(BASE).noneMatch(r -> r.getKind().equals("Secret"));
        assertThat(Repo.read("deploy/k8s/base/links.yaml")).doesNotContainPattern("password: [^$]");
    }

    @Test
    void everySettingGivenToAServiceIsOneItHas() throws Exception {
        Map<String, String> settings = of(ConfigMap.class, "sms-settings").getData();
        ConfigKeys linksReader = SERVICES.get("gateway");
        for (String key : flatten(links(), "")) {
            assertThat(linksReader.knowsKey(key)).as("links.yaml key %s", key).isTrue();
        }
        for (Deployment deployment : all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            ConfigKeys keys = SERVICES.get(container.getName());
            assertThat(keys).as("container %s is a service", container.getName()).isNotNull();
            List<String> names = new ArrayList<>(container.getEnv().stream().map(EnvVar::getName).toList());
            for (EnvFromSource from : container.getEnvFrom()) {
                assertThat(from.getConfigMapRef().getName()).isEqualTo("sms-settings");
                names.addAll(settings.keySet());
            }
            for (String name : names) {
                assertThat(keys.knowsEnv(name)).as("%s sets %s", container.getName(), name).isTrue();
            }
        }
    }

    static boolean isNarrow(NetworkPolicyPeer peer) {
        String cidr = peer.getIpBlock().getCidr();
        return !cidr.equals("0.0.0.0/0") && Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)) >= 16;
    }

    private static void assertProbe(Probe probe, String path, String deployment) {
        assertThat(probe).as("%s probe %s", deployment, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(deployment).isEqualTo("management");
    }

    private static JsonNode links() throws Exception {
        return Manifests.YAML.readTree(of(ConfigMap.class, "sms-links").getData().get("links.yml"));
    }

    /** The keys of a YAML tree as a configuration file names them: a.b[0].c. */
    static List<String> flatten(JsonNode node, String prefix) {
        List<String> keys = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> keys.addAll(flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                keys.addAll(flatten(node.get(i), prefix + "[" + i + "]"));
            }
        } else {
            keys.add(prefix);
        }
        return keys;
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return BASE.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T of(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    /** The part of a kustomization.yaml these checks read; any other field fails the parse. */
    record Kustomization(String apiVersion, String kind, String namespace, List<Map<String, Object>> labels,
                         List<String> resources, List<Map<String, String>> images, List<Patch> patches) {
        Kustomization {
            resources = resources == null ? List.of() : resources;
            patches = patches == null ? List.of() : patches;
        }

        record Patch(String path) {
        }
    }
}
