package org.sms1069.router.link;

import org.apache.kafka.common.utils.Utils;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.RecordTrace;
import org.sms1069.model.Protocol;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.PartKey;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Groups parts with identical content (link, sender, text, part i/n, and for long messages the UDH
 * reference) for up to {@code maxRecipients} phones into one multi-destination submit, on links whose
 * protocol has one (CMPP, SGIP, SMGP; SMPP links get one recipient per submit for clean results). A link's own
 * cap ({@code options.max-recipients}: CMPP at most 99, SGIP and SMGP 100) bounds the group too: the router
 * forms the groups, so it is the one that keeps each within what one submit of the link may carry, and the
 * gateway never has to split a part (which would leave one record half accepted, half refused).
 * <p>
 * A part waits at most {@code window}: the records of one poll are handed over within microseconds,
 * so the window only ever joins messages that arrived together. Only phones whose records land on the
 * same partition of the link topic share a submit (key = first phone), so each phone keeps one
 * partition. Order per phone: a phone has at most one message pending; a second one flushes every
 * pending group first, and groups are sent in the order they were opened.
 * <p>
 * Tracing: a group's record continues the trace of its first member's message and links the other members'
 * traces (a span has one parent), so the gateway's handling of the group shows in the first message's trace.
 */
public final class OutboundBatcher implements AutoCloseable {
    private final Publisher publisher;
    private final Duration window;
    private final int maxRecipients;
    private final ScheduledExecutorService timer;
    private final Map<Topic<?>, Integer> partitionCounts = new ConcurrentHashMap<>();

    private final LinkedHashMap<GroupKey, List<Member>> open = new LinkedHashMap<>();
    private final Map<String, String> pendingMessageOfPhone = new HashMap<>();
    private ScheduledFuture<?> flushTimer;

    public OutboundBatcher(Publisher publisher, Duration window, int maxRecipients, ScheduledExecutorService timer) {
        this.publisher = publisher;
        this.window = window;
        this.maxRecipients = maxRecipients;
        this.timer = timer;
    }

    /** Reads the partition counts of the links' topics now, so that batching never waits for metadata. */
    public void prepare(List<LinkSettings> links) {
        links.stream().filter(OutboundBatcher::multiDestination)
                .forEach(link -> partitionCounts.computeIfAbsent(Topics.outbound(link.id()), publisher::partitionCount));
    }

    /**
     * Sends the part to its link's topic, alone or in a group; the stage completes when the record
     * that carries it is acknowledged. The send is issued (or queued in order) before this returns.
     */
    public CompletableFuture<?> send(LinkSettings link, OutboundSubmit part, String key) {
        Topic<OutboundSubmit> topic = Topics.outbound(link.id());
        int limit = Math.min(maxRecipients, link.options().maxRecipients());
        // a reply's LinkID belongs to one phone's MO: its parts are submitted alone
        if (window.isZero() || limit < 2 || !multiDestination(link) || part.recipients().size() != 1
                || part.carrierLinkId() != null) {
            return publisher.publish(topic, key, part);
        }
        Recipient recipient = part.recipients().get(0);
        CompletableFuture<Object> acked = new CompletableFuture<>();
        synchronized (this) {
            String pending = pendingMessageOfPhone.get(recipient.phone());
            if (pending != null && !pending.equals(recipient.messageId())) {
                flushAll();
            }
            GroupKey group = new GroupKey(link.id(), part.sourceAddr(), part.text(), part.segmentNumber(),
                    part.segmentCount(), part.segmentCount() > 1 ? part.reference() : 0, part.attempt(),
                    partition(topic, key));
            List<Member> members = open.computeIfAbsent(group, g -> new ArrayList<>());
            members.add(new Member(part, key, acked, publisher.currentTrace()));
            pendingMessageOfPhone.put(recipient.phone(), recipient.messageId());
            if (members.size() >= limit) {
                flushAll();
            } else if (flushTimer == null) {
                flushTimer = timer.schedule(this::flushOnTimer, window.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        return acked;
    }

    private synchronized void flushOnTimer() {
        flushTimer = null;
        flushAll();
    }

    /** Sends every open group, oldest first; called with the lock held so sends keep their order. */
    private void flushAll() {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
        for (var entry : open.entrySet()) {
            publish(entry.getKey(), entry.getValue());
        }
        open.clear();
        pendingMessageOfPhone.clear();
    }

    private void publish(GroupKey group, List<Member> members) {
        Member first = members.get(0);
        OutboundSubmit out = members.size() == 1 ? first.part() : combine(members);
        publisher.publishJoined(Topics.outbound(group.linkId()), first.key(), out,
                members.stream().map(Member::trace).toList()).whenComplete((metadata, error) -> {
            for (Member member : members) {
                if (error != null) {
                    member.acked().completeExceptionally(error);
                } else {
                    member.acked().complete(metadata);
                }
            }
        });
    }

    private static OutboundSubmit combine(List<Member> members) {
        OutboundSubmit first = members.get(0).part();
        // each recipient keeps its own part's key: the gateway deduplicates per recipient, so a
        // different grouping of the same parts after a redelivery never reaches a phone twice
        List<Recipient> recipients = members.stream().map(m -> {
            Recipient r = m.part().recipients().get(0);
            return r.withDedupKey(r.dedupKeyIn(m.part()));
        }).toList();
        Instant expiresAt = members.stream().map(m -> m.part().expiresAt()).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        String key = PartKey.batch(members.stream().map(m -> m.part().dedupKey()).toList(), first.segmentNumber(),
                first.attempt()).toString();
        return new OutboundSubmit(first.v(), key, first.linkId(), first.carrier(), recipients, first.sourceAddr(),
                first.segmentNumber(), first.segmentCount(), first.reference(), first.text(), first.attempt(),
                expiresAt, null, null, null, first.throttles(), first.sealed(), null);
    }

    /** The partition Kafka's default partitioner gives the key (murmur2, as the producer does). */
    private int partition(Topic<?> topic, String key) {
        int count = partitionCounts.computeIfAbsent(topic, publisher::partitionCount);
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }

    static boolean multiDestination(LinkSettings link) {
        return link.protocol() != Protocol.SMPP34;
    }

    @Override
    public synchronized void close() {
        flushAll();
    }

    private record GroupKey(String linkId, String sourceAddr, String text, int segmentNumber, int segmentCount,
                            int reference, int attempt, int partition) {
    }

    private record Member(OutboundSubmit part, String key, CompletableFuture<Object> acked, RecordTrace trace) {
    }
}
