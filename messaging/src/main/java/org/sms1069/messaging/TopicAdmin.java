package org.sms1069.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.sms1069.model.Topic;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the topics a service needs if they are missing; safe to run from every instance at start-up. */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    public record TopicSpec(String name, int partitions, boolean compacted) {
        public static TopicSpec of(String name, int partitions) {
            return new TopicSpec(name, partitions, false);
        }

        public static TopicSpec of(Topic<?> topic, int partitions) {
            return of(topic.name(), partitions);
        }

        /** A compacted topic: the latest record per key is kept (e.g. link health). */
        public static TopicSpec compacted(Topic<?> topic, int partitions) {
            return new TopicSpec(topic.name(), partitions, true);
        }
    }

    public static void ensure(String bootstrapServers, short replicationFactor, Collection<TopicSpec> topics) {
        ensure(new Replicas(replicationFactor, null), Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                topics);
    }

    /**
     * A service's topics: with its replication factor and {@code min.insync.replicas}, through an admin client with
     * its {@code sms.kafka.properties}. Topics that exist already are left as they are.
     */
    public static void ensure(KafkaSettings kafka, Collection<TopicSpec> topics) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        ensure(new Replicas(kafka.replicationFactor(), kafka.minInsyncReplicas()), config, topics);
    }

    /** Replicas of a created topic, and how many must have a record before it is acknowledged (null: the broker's). */
    private record Replicas(short factor, Integer minInsync) {
    }

    private static void ensure(Replicas replicas, Map<String, Object> adminConfig, Collection<TopicSpec> topics) {
        Object bootstrapServers = adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> newTopic(t, replicas))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            for (var result : admin.createTopics(missing).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private static NewTopic newTopic(TopicSpec spec, Replicas replicas) {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), replicas.factor());
        Map<String, String> configs = new HashMap<>();
        if (spec.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (replicas.minInsync() != null) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(replicas.minInsync()));
        }
        return topic.configs(configs);
    }
}
