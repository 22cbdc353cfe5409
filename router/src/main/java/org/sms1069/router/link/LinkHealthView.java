package org.sms1069.router.link;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Topics;
import org.sms1069.model.event.LinkHealth;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The gateways' view of every link, read from the compacted {@code sms.link-health}: all partitions,
 * from the beginning, without a consumer group (every router instance needs all of it, and there is
 * nothing to commit). A link never reported is taken as healthy, so a router that starts before its
 * gateway still routes.
 */
public final class LinkHealthView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkHealthView.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, LinkHealth.State> states = new ConcurrentHashMap<>();
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public LinkHealthView(KafkaSettings kafka, String clientId) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, clientId);
    }

    /** Starts reading and waits (bounded) until the states written so far are known. */
    public LinkHealthView start(Duration catchUp) {
        thread.start();
        try {
            if (!caughtUp.await(catchUp.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("link health not read within {}; links count as healthy until reported", catchUp);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** Called (on the reader thread) when a link that was down or throttled reports UP. */
    public void onRecovery(Runnable listener) {
        recoveryListeners.add(listener);
    }

    public boolean healthy(String linkId) {
        LinkHealth.State state = states.get(linkId);
        return state == null || state == LinkHealth.State.UP;
    }

    public Map<String, LinkHealth.State> states() {
        return Map.copyOf(states);
    }

    private void run() {
        try {
            while (running) {
                try {
                    read();
                } catch (WakeupException e) {
                    // close() wakes the reader up; the loop ends since running is false
                } catch (RuntimeException e) {
                    // the broker is gone or paused: keep the last known states, read the topic again in a moment
                    log.warn("link health reader failed, reading again in {}: {}", RETRY, e.toString());
                    sleep();
                }
            }
        } finally {
            caughtUp.countDown();
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void read() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.LINK_HEALTH.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                apply(record);
            }
            if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                log.info("link health read: {}", states);
                caughtUp.countDown();
            }
        }
    }

    private void sleep() {
        try {
            stopping.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            states.remove(record.key());
            return;
        }
        LinkHealth health;
        try {
            health = Topics.LINK_HEALTH.decode(record.value());
        } catch (PoisonRecordException e) {
            log.warn("ignoring unreadable link health of {}: {}", record.key(), e.getMessage());
            return;
        }
        if (health.state() == null) {
            return;
        }
        LinkHealth.State before = states.put(record.key(), health.state());
        if (before != health.state()) {
            log.info("link {} is {}", record.key(), health.state());
        }
        if (before != null && before != LinkHealth.State.UP && health.state() == LinkHealth.State.UP) {
            recoveryListeners.forEach(Runnable::run);
        }
    }

    @Override
    public void close() {
        running = false;
        stopping.countDown();
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
