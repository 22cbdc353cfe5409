package org.sms1069.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.sms1069.model.Topic;

import java.util.Collection;
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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> newTopic(t, replicationFactor))
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

    private static NewTopic newTopic(TopicSpec spec, short replicationFactor) {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), replicationFactor);
        if (spec.compacted()) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }
}
