package org.sms1069.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes manifests under deploy/k8s, read strictly into the fabric8 and Strimzi model classes: a kind or
 * apiVersion not listed here fails, and so does any field the model class does not have. (The model classes keep
 * unknown fields in {@code additionalProperties} rather than failing; {@link #assertNoUnknownFields} walks the
 * parsed object and fails on any.)
 */
final class Manifests {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class);

    private Manifests() {
    }

    /** Every document of a manifest file, each parsed into its model class. */
    static List<HasMetadata> read(Path file) {
        List<HasMetadata> resources = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            ObjectReader reader = YAML.readerFor(JsonNode.class);
            var documents = reader.readValues(parser);
            while (documents.hasNext()) {
                JsonNode document = (JsonNode) documents.next();
                if (document != null && !document.isEmpty()) {
                    resources.add(parse(document, file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return resources;
    }

    static HasMetadata parse(JsonNode document, Object source) {
        String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException(source + ": no model class for " + kind);
        }
        try {
            HasMetadata resource = YAML.treeToValue(document, type);
            assertNoUnknownFields(resource, source + " " + kind + " " + resource.getMetadata().getName());
            return resource;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " " + kind + ": " + e.getMessage(), e);
        }
    }

    /** Fails if the model object or anything in it kept fields its class does not define. */
    static void assertNoUnknownFields(Object model, String where) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            items.forEach(item -> assertNoUnknownFields(item, where));
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.values().forEach(value -> assertNoUnknownFields(value, where));
            return;
        }
        String pkg = model.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi") || model.getClass().isEnum()) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, model);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new IllegalArgumentException(where + ": unknown fields " + extra.keySet() + " in "
                            + model.getClass().getSimpleName());
                }
            } else {
                assertNoUnknownFields(value, where);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    static List<Path> files(Path dir) {
        try (var stream = Files.walk(dir)) {
            return stream.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
