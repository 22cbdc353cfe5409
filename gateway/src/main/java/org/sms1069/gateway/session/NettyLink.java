package org.sms1069.gateway.session;

import org.sms1069.wire.codec.Pdu;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.SlotConnections;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.gateway.pace.TpsPacer;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A carrier link over Netty for any protocol a {@link LinkDialect} describes: several connections, each with
 * a window of {@code settings.window()} submits, shared TPS pacing, and a queue for submits that wait for a
 * free window slot. Pacing never sleeps: the pacer hands out a slot time and the submit is scheduled on the
 * connection's event loop for it.
 */
public final class NettyLink<S, P extends Pdu> implements CarrierLink {
    private final LinkSettings settings;
    private final LinkEnvironment environment;
    private final InboundSink inbound;
    private final TpsPacer pacer;
    private final SlotConnections<LinkConnection<S, P>> connections;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private int next;
    private volatile boolean closing;

    public NettyLink(LinkSettings settings, LinkDialect<S, P> dialect, LinkEnvironment environment, InboundSink inbound) {
        this.settings = settings;
        this.environment = environment;
        this.inbound = inbound;
        this.pacer = new TpsPacer(settings.tps());
        SessionMetrics metrics = new SessionMetrics(environment.meters(), settings.id());
        this.connections = new SlotConnections<>(settings.id(), slot -> {
            LinkConnection<S, P> connection = new LinkConnection<>(slot, settings, dialect, environment, metrics, inbound,
                    this::connectionsChanged);
            connection.start();
            return connection;
        }, LinkConnection::close);
    }

    @Override
    public LinkSettings settings() {
        return settings;
    }

    @Override
    public void start() {
        retain(CarrierLink.allSlots(settings), environment.session().drainTimeout());
    }

    @Override
    public CompletionStage<Void> retain(Set<Integer> slots, Duration drain) {
        pacer.share(slots.size(), settings.connections());
        CompletionStage<Void> closed = connections.retain(slots, drain);
        connectionsChanged();
        return closed;
    }

    @Override
    public int retainedSlots() {
        return connections.slots();
    }

    @Override
    public CompletionStage<SubmitResult> submit(OutboundSubmit part) {
        if (closing) {
            return CompletableFuture.completedFuture(new SubmitResult.Rejected(true, "LINK_CLOSING", "link is shutting down"));
        }
        if (connectedConnections() == 0 && !wakeSleepers()) {
            return CompletableFuture.completedFuture(SubmitResult.Rejected.linkDown(settings.id()));
        }
        Waiting entry = new Waiting(part, new CompletableFuture<>());
        waiting.add(entry);
        pump();
        return entry.result();
    }

    /** Hands waiting submits to connections with a free window slot, each at its pacer slot. */
    private synchronized void pump() {
        while (!waiting.isEmpty()) {
            LinkConnection<S, P> connection = reserveConnection();
            if (connection == null) {
                return;
            }
            Waiting entry = waiting.poll();
            connection.submit(entry.part(), pacer.reserve()).whenComplete((result, error) -> {
                entry.result().complete(result);
                pump();
            });
        }
    }

    private LinkConnection<S, P> reserveConnection() {
        List<LinkConnection<S, P>> live = connections.live();
        int n = live.size();
        for (int i = 0; i < n; i++) {
            LinkConnection<S, P> candidate = live.get(Math.floorMod(next++, n));
            if (candidate.tryReserve(settings.window())) {
                return candidate;
            }
        }
        return null;
    }

    /** Connections closed for idleness (SGIP) connect again; true when at least one will. */
    private boolean wakeSleepers() {
        boolean any = false;
        for (LinkConnection<S, P> connection : connections.live()) {
            if (connection.sleeping()) {
                connection.wake();
                any = true;
            }
        }
        return any;
    }

    private void connectionsChanged() {
        environment.connections().connectionsChanged(settings.id());
        if (connectedConnections() > 0) {
            pump();
        } else if (connections.live().stream().noneMatch(LinkConnection::sleeping)) {
            failWaiting(SubmitResult.Rejected.linkDown(settings.id()));
        }
    }

    private void failWaiting(SubmitResult.Rejected why) {
        Waiting entry;
        while ((entry = waiting.poll()) != null) {
            entry.result().complete(why);
        }
    }

    @Override
    public int connectedConnections() {
        return (int) connections.live().stream().filter(LinkConnection::ready).count();
    }

    /** Connections closed for want of traffic (SGIP) that come back when work arrives. */
    public int sleepingConnections() {
        return (int) connections.live().stream().filter(LinkConnection::sleeping).count();
    }

    @Override
    public int inFlight() {
        return connections.live().stream().mapToInt(LinkConnection::submitsInFlight).sum();
    }

    @Override
    public void close() {
        closing = true;
        failWaiting(new SubmitResult.Rejected(true, "LINK_CLOSING", "link is shutting down"));
        connections.closeAll(environment.session().drainTimeout());
    }

    private record Waiting(OutboundSubmit part, CompletableFuture<SubmitResult> result) {
    }
}
