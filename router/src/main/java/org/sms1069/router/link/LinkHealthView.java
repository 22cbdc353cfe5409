package org.sms1069.router.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.messaging.CompactedTopicReader;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.model.Topics;
import org.sms1069.model.event.LinkHealth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateways' view of every link, read from the compacted {@code sms.link-health} by every router instance
 * ({@link CompactedTopicReader}). A link never reported is taken as healthy, so a router that starts before its
 * gateway still routes.
 */
public final class LinkHealthView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkHealthView.class);

    private final Map<String, LinkHealth.State> states = new ConcurrentHashMap<>();
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    private final CompactedTopicReader<LinkHealth> reader;

    public LinkHealthView(KafkaSettings kafka, String clientId) {
        this.reader = new CompactedTopicReader<>(kafka, Topics.LINK_HEALTH, clientId, this::apply);
    }

    /** Starts reading and waits (bounded) until the states written so far are known. */
    public LinkHealthView start(Duration catchUp) {
        if (reader.start(catchUp)) {
            log.info("link health read: {}", states);
        } else {
            log.warn("link health not read within {}; links count as healthy until reported", catchUp);
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

    private void apply(String linkId, LinkHealth health) {
        if (health == null) {
            states.remove(linkId);
            return;
        }
        if (health.state() == null) {
            return;
        }
        LinkHealth.State before = states.put(linkId, health.state());
        if (before != health.state()) {
            log.info("link {} is {}", linkId, health.state());
        }
        if (before != null && before != LinkHealth.State.UP && health.state() == LinkHealth.State.UP) {
            recoveryListeners.forEach(Runnable::run);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
