package org.sms1069.router.link;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Protocol;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends parts to a healthy link of their carrier: the planned link when it is healthy, otherwise the
 * failover link, otherwise the part waits. Waiting is a record on {@code sms.retry} with a not-before
 * time one recheck interval ahead (and the time the wait began), which the retry consumer defers
 * without a sleeping thread and looks at again; when a link comes back the retry consumer is woken at
 * once. After {@code maxWait} a waiting part goes to its planned link anyway, whose gateway then
 * retries it with its own back-off (and ends it at the message's validity).
 */
public final class LinkDispatch {
    /** lastError of a part held for its carrier: no link of it is healthy. */
    public static final String NO_HEALTHY_LINK = "NO_HEALTHY_LINK";
    private static final Logger log = LoggerFactory.getLogger(LinkDispatch.class);

    private final LinkSelector selector;
    private final LinkHealthView health;
    private final OutboundBatcher batcher;
    private final Publisher publisher;
    private final WaitingParts waiting;
    private final Duration recheck;
    private final Duration maxWait;
    private final MeterRegistry meters;
    private final Clock clock;

    public LinkDispatch(LinkSelector selector, LinkHealthView health, OutboundBatcher batcher, Publisher publisher,
                        WaitingParts waiting, Duration recheck, Duration maxWait, MeterRegistry meters, Clock clock) {
        this.selector = selector;
        this.health = health;
        this.batcher = batcher;
        this.publisher = publisher;
        this.waiting = waiting;
        this.recheck = recheck;
        this.maxWait = maxWait;
        this.meters = meters;
        this.clock = clock;
    }

    /** Where a new message for the phone goes now (planned link, failover, or wait). */
    public LinkSelector.Route route(org.sms1069.model.Carrier carrier, String phone) {
        return selector.route(carrier, phone, health::healthy);
    }

    /**
     * Sends the parts of a new message by the route decided for it; issues every send before returning.
     * The parts are planned for {@code route.configured()}.
     */
    public CompletableFuture<?> sendNew(List<OutboundSubmit> parts, String phone, LinkSelector.Route route) {
        List<CompletableFuture<?>> acks = new ArrayList<>(parts.size());
        for (OutboundSubmit part : parts) {
            if (route.waiting()) {
                acks.add(park(part, phone, clock.instant()));
            } else {
                acks.add(sendOn(route, part, phone, true));
            }
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    /** Sends a due part (a retry, a scheduled or a waiting part) on its link or a healthy one of its carrier. */
    public CompletableFuture<?> sendDue(OutboundSubmit part, String key) {
        String phone = part.recipients().get(0).phone();
        LinkSettings planned = selector.byId(part.linkId()).orElse(null);
        if (planned == null) {
            // the link left the configuration since the part was planned: its carrier's links take it
            LinkSelector.Route route = selector.route(part.carrier(), phone, health::healthy);
            if (route.configured() == null) {
                throw new IllegalArgumentException("part " + part.dedupKey() + " is for link " + part.linkId()
                        + ", which is not configured, and carrier " + part.carrier() + " has no link");
            }
            planned = route.configured();
        }
        LinkSelector.Route route = selector.from(planned, phone, health::healthy);
        if (!route.waiting()) {
            return sendOn(route, part, key, false);
        }
        Instant since = part.waitingSince() != null ? part.waitingSince() : clock.instant();
        if (!clock.instant().isBefore(since.plus(maxWait))) {
            meters.counter("sms_router_wait_exceeded_total", "link", planned.id()).increment();
            log.info("part {} waited {} for a healthy link of {}; sending it to {} anyway", part.dedupKey(), maxWait,
                    planned.carrier(), planned.id());
            waiting.released(part.dedupKey());
            return publish(planned, released(part, planned), key, false);
        }
        return park(part, key, since);
    }

    private CompletableFuture<?> sendOn(LinkSelector.Route route, OutboundSubmit part, String key, boolean batch) {
        LinkSettings link = route.chosen();
        if (route.failover()) {
            meters.counter("sms_router_failovers_total", "carrier", link.carrier().name(),
                    "from", route.configured().id(), "to", link.id()).increment();
        }
        waiting.released(part.dedupKey());
        return publish(link, released(part, link), key, batch);
    }

    private CompletableFuture<?> publish(LinkSettings link, OutboundSubmit part, String key, boolean batch) {
        if (link.protocol() == Protocol.SMPP34 && part.recipients().size() > 1) {
            return CompletableFuture.allOf(split(part).stream()
                    .map(single -> publisher.publish(Topics.outbound(link.id()), single.recipients().get(0).phone(), single))
                    .toArray(CompletableFuture[]::new));
        }
        return batch ? batcher.send(link, part, key) : publisher.publish(Topics.outbound(link.id()), key, part);
    }

    private CompletableFuture<?> park(OutboundSubmit part, String key, Instant since) {
        Instant now = clock.instant();
        waiting.waiting(part.dedupKey());
        OutboundSubmit held = part.parked(now.plus(recheck),
                part.lastError() != null ? part.lastError() : NO_HEALTHY_LINK, since);
        return publisher.publish(Topics.RETRY, key, held);
    }

    /** The part on {@code link}, no longer waiting; as it came otherwise (lastError and notBefore stay, for the record). */
    private static OutboundSubmit released(OutboundSubmit part, LinkSettings link) {
        if (link.id().equals(part.linkId()) && part.waitingSince() == null) {
            return part;
        }
        return part.onLink(link.id());
    }

    /**
     * A batched part failing over to an SMPP link goes out per recipient, each under its own key within the batch
     * (the key it would have had alone, re-route suffix included).
     */
    private static List<OutboundSubmit> split(OutboundSubmit part) {
        List<OutboundSubmit> singles = new ArrayList<>();
        for (Recipient recipient : part.recipients()) {
            singles.add(part.alone(recipient, recipient.dedupKeyIn(part)));
        }
        return singles;
    }
}
