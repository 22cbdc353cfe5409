package org.sms1069.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys one service understands: Spring Boot's (from the metadata its jars ship), the service's
 * own {@code @ConfigurationProperties} records (walked by reflection), and the environment variables its
 * configuration names as placeholders ({@code ${API_PORT:8081}}). Keys are compared in a form without separators
 * or case, as Spring's relaxed binding does ({@code SMS_KAFKA_BOOTSTRAP_SERVERS} is
 * {@code sms.kafka.bootstrap-servers}); list indexes become {@code *}.
 */
final class ConfigKeys {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]");
    private static final Set<String> BOOT_KEYS = new HashSet<>();
    private static final Set<String> BOOT_MAP_PREFIXES = new HashSet<>();

    static {
        loadBootMetadata();
    }

    private final Set<String> keys = new HashSet<>(BOOT_KEYS);
    private final Set<String> mapPrefixes = new HashSet<>(BOOT_MAP_PREFIXES);
    private final Set<String> placeholders = new HashSet<>();

    /**
     * @param basePackage where the service's {@code @ConfigurationProperties} live
     * @param configFiles the service's own configuration text (its yml, a links file), for placeholders
     */
    ConfigKeys(String basePackage, String... configFiles) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = load(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            walk(prefix, type);
        }
        if (keys.size() == BOOT_KEYS.size()) {
            throw new IllegalStateException("no @ConfigurationProperties found under " + basePackage);
        }
        for (String text : configFiles) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
        }
    }

    /** A key as written in a configuration file ({@code sms.links[0].listen-port}). */
    boolean knowsKey(String key) {
        return knows(uniform(key.replaceAll("\\[\\d+]", ".*")));
    }

    /** An environment variable: a placeholder of the service's configuration, or a key in relaxed form. */
    boolean knowsEnv(String name) {
        if (placeholders.contains(name) || name.equals("JAVA_TOOL_OPTIONS")) {
            return true;
        }
        StringBuilder key = new StringBuilder();
        for (String segment : name.toLowerCase(Locale.ROOT).split("_")) {
            key.append(segment.matches("\\d+") ? "*" : segment);
        }
        return knows(key.toString());
    }

    private boolean knows(String uniform) {
        return keys.contains(uniform) || mapPrefixes.stream().anyMatch(uniform::startsWith);
    }

    private void walk(String prefix, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + "." + component.getName();
            Class<?> raw = component.getType();
            Type generic = component.getGenericType();
            if (raw.isRecord()) {
                walk(key, raw);
            } else if (Map.class.isAssignableFrom(raw)) {
                mapPrefixes.add(uniform(key));
            } else if (Collection.class.isAssignableFrom(raw) && generic instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                walk(key + ".*", element);
            } else {
                keys.add(uniform(key));
            }
        }
    }

    /** Without separators or case: {@code sms.kafka.bootstrap-servers} and {@code smsKafkaBootstrapServers} alike. */
    private static String uniform(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]]", "");
    }

    private static void loadBootMetadata() {
        ObjectMapper json = new ObjectMapper();
        try {
            for (String name : new String[]{"META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json"}) {
                Enumeration<URL> files = ConfigKeys.class.getClassLoader().getResources(name);
                while (files.hasMoreElements()) {
                    try (InputStream in = files.nextElement().openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            String key = uniform(property.path("name").asText());
                            BOOT_KEYS.add(key);
                            if (property.path("type").asText().startsWith("java.util.Map")) {
                                BOOT_MAP_PREFIXES.add(key);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!BOOT_KEYS.contains(uniform("management.server.port"))) {
            throw new IllegalStateException("Spring Boot's configuration metadata is not on the classpath");
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
