package org.sms1069.gateway.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Topics;
import org.sms1069.model.event.LinkHealth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes each link's state to the compacted {@code sms.link-health} (the router skips links that are
 * down or throttled) and exposes connections, window use and {@code sms_link_up{link,carrier}} as gauges. A link
 * whose carrier answers with flow control is THROTTLED for the flow-control pause after the last such answer,
 * then UP again. For the gateway's own health it remembers since when each link is without a connection: within
 * the link-down grace it is RECONNECTING, after it DOWN. A link this instance holds no connection slot of (another
 * instance serves it, see {@code LinkSlots}) is STANDBY and its state is not published: this instance knows nothing
 * about it, and a DOWN from here would keep the router from a link the other instance serves.
 */
public final class LinkHealthReporter {
    private static final Logger log = LoggerFactory.getLogger(LinkHealthReporter.class);

    private final Map<String, CarrierLink> links = new ConcurrentHashMap<>();
    private final Map<String, LinkHealth.State> lastPublished = new ConcurrentHashMap<>();
    private final Map<String, Instant> throttledUntil = new ConcurrentHashMap<>();
    private final Map<String, Instant> downSince = new ConcurrentHashMap<>();
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration flowControlPause;
    private final Duration linkDownGrace;

    public LinkHealthReporter(Publisher publisher, MeterRegistry meters, Clock clock, Duration flowControlPause,
                              Duration linkDownGrace) {
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
        this.flowControlPause = flowControlPause;
        this.linkDownGrace = linkDownGrace;
    }

    public void register(CarrierLink link) {
        String id = link.settings().id();
        links.put(id, link);
        downSince.put(id, clock.instant());
        Gauge.builder("sms_link_connections", link, CarrierLink::connectedConnections).tag("link", id).register(meters);
        Gauge.builder("sms_link_window_in_use", link, CarrierLink::inFlight).tag("link", id).register(meters);
        Gauge.builder("sms_link_up", link, l -> l.connectedConnections() > 0 ? 1 : 0).tag("link", id)
                .tag("carrier", link.settings().carrier().name()).register(meters);
    }

    /**
     * Decides the link's state and hands it to the producer in one step, so that two threads telling of changes at
     * once (a slot keeper, a connection's event loop) hand their states over in the order they decided them: the
     * compacted topic keeps the last record, and CI's chaos run once saw a start-up DOWN, blocked in the producer
     * until the broker answered, land after the UP decided after it, which left the router parking every part.
     */
    public synchronized void changed(String linkId) {
        CarrierLink link = links.get(linkId);
        if (link == null) {
            return;
        }
        if (link.retainedSlots() == 0) {
            lastPublished.remove(linkId);
            downSince.remove(linkId);
            return;
        }
        noteConnections(linkId, link.connectedConnections());
        LinkHealth.State state = link.connectedConnections() == 0 ? LinkHealth.State.DOWN
                : throttled(linkId) ? LinkHealth.State.THROTTLED : LinkHealth.State.UP;
        if (lastPublished.put(linkId, state) == state) {
            return;
        }
        log.info("link {} is {} ({} connections)", linkId, state, link.connectedConnections());
        LinkHealth health = new LinkHealth(LinkHealth.VERSION, linkId, link.settings().carrier(), state,
                link.connectedConnections(), link.inFlight(), clock.instant());
        publisher.publish(Topics.LINK_HEALTH, linkId, health).exceptionally(error -> {
            log.warn("cannot publish health of link {}: {}", linkId, error.toString());
            return null;
        });
    }

    /** The carrier answered a submit with flow control: the link is THROTTLED until the pause has passed. */
    public void flowControl(String linkId) {
        meters.counter("sms_link_flow_control_total", "link", linkId).increment();
        Instant until = clock.instant().plus(flowControlPause);
        Instant before = throttledUntil.put(linkId, until);
        if (before == null || !clock.instant().isBefore(before)) {
            changed(linkId);
            recheckAt(linkId, until);
        }
    }

    private boolean throttled(String linkId) {
        Instant until = throttledUntil.get(linkId);
        return until != null && clock.instant().isBefore(until);
    }

    /** Each new flow-control answer moves the end of the pause; the link is UP once it passes with none. */
    private void recheckAt(String linkId, Instant at) {
        long delay = Math.max(1, Duration.between(clock.instant(), at).toMillis());
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
            Instant until = throttledUntil.get(linkId);
            if (until != null && clock.instant().isBefore(until)) {
                recheckAt(linkId, until);
            } else {
                throttledUntil.remove(linkId, until);
                changed(linkId);
            }
        });
    }

    /** Every link's state for the gateway's health. */
    public List<LinkStatus> statuses() {
        Instant now = clock.instant();
        return links.values().stream().map(link -> {
            String id = link.settings().id();
            int connections = link.connectedConnections();
            if (link.retainedSlots() == 0) {
                downSince.remove(id);
                return new LinkStatus(id, link.settings().carrier(), LinkStatus.State.STANDBY, 0, null);
            }
            Instant since = noteConnections(id, connections);
            LinkStatus.State state = connections > 0
                    ? throttled(id) ? LinkStatus.State.THROTTLED : LinkStatus.State.UP
                    : Duration.between(since, now).compareTo(linkDownGrace) < 0 ? LinkStatus.State.RECONNECTING
                    : LinkStatus.State.DOWN;
            return new LinkStatus(id, link.settings().carrier(), state, connections, since);
        }).toList();
    }

    /** Since when the link is without a connection (null while it has one); starts the clock when it just lost it. */
    private Instant noteConnections(String linkId, int connections) {
        if (connections > 0) {
            downSince.remove(linkId);
            return null;
        }
        return downSince.computeIfAbsent(linkId, id -> clock.instant());
    }
}
