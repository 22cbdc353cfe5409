package org.sms1069.gateway.sgip.server;

import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.gateway.session.LinkEnvironment;
import org.sms1069.gateway.session.NettyLink;
import org.sms1069.gateway.sgip.SgipDialect;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An SGIP 1.2 link: the client connections that SUBMIT ({@link SgipDialect} on {@link NettyLink}) and the
 * server the carrier binds to for MO and REPORTs ({@link SgipServer}), started and stopped together.
 * A connection closed for idleness counts as connected: it comes back on the next submit.
 */
public final class SgipLink implements CarrierLink {
    private final NettyLink<SgipSequence, SgipPdu> client;
    private final SgipServer server;
    private final AtomicBoolean serverStarted = new AtomicBoolean();

    public SgipLink(LinkSettings settings, LinkEnvironment environment, InboundSink inbound) {
        this.client = new NettyLink<>(settings, new SgipDialect(settings), environment, inbound);
        this.server = new SgipServer(settings, environment, inbound);
    }

    @Override
    public LinkSettings settings() {
        return client.settings();
    }

    @Override
    public void start() {
        startServer();
        client.start();
    }

    /** The server listens whatever slots this instance holds: the carrier may bind for reports to any instance. */
    @Override
    public CompletionStage<Void> retain(Set<Integer> slots, Duration drain) {
        startServer();
        return client.retain(slots, drain);
    }

    @Override
    public int retainedSlots() {
        return client.retainedSlots();
    }

    private void startServer() {
        if (serverStarted.compareAndSet(false, true)) {
            server.start();
        }
    }

    @Override
    public CompletionStage<SubmitResult> submit(OutboundSubmit part) {
        return client.submit(part);
    }

    @Override
    public int connectedConnections() {
        return client.connectedConnections() + client.sleepingConnections();
    }

    @Override
    public int inFlight() {
        return client.inFlight();
    }

    public int serverPort() {
        return server.port();
    }

    /** Drains and UNBINDs the client side first, then lets the server take the last reports and closes it. */
    @Override
    public void close() {
        client.close();
        server.close();
    }
}
