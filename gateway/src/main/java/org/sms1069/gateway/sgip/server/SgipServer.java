package org.sms1069.gateway.sgip.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.config.SgipServerProperties;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.Reconnector;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.gateway.sgip.SgipInbound;
import org.sms1069.wire.sgip.SgipSequences;
import org.sms1069.wire.sgip.SgipUnbind;
import org.sms1069.gateway.session.LinkEnvironment;
import org.sms1069.messaging.net.Cidr;
import org.sms1069.model.link.LinkSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The SP-side SGIP server of one link, on {@code listen-port}: the Unicom gateway binds to it with login
 * type 2 to deliver MO and REPORTs. Runs on the links' event loops; a port that cannot be bound is tried
 * again with the reconnect back-off. On close it stops accepting, UNBINDs the gateway's connections and
 * waits for them to close (the logout timeout at most).
 * <p>Guarded ({@link SgipServerProperties}): it listens on {@code bind-address}; a connection from outside the allowed
 * networks (by default the link's own carrier host), beyond the connection cap or from an address locked out after
 * refused BINDs is closed before anything is read from it.
 */
public final class SgipServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SgipServer.class);
    /** The spec's server closes a connection after 60 s without traffic. */
    private static final long IDLE_SECONDS = 60;

    private final LinkSettings settings;
    private final LinkEnvironment environment;
    private final SgipInbound inbound;
    private final InboundSink sink;
    private final SgipServerMetrics metrics;
    private final SgipServerProperties guard;
    private final List<Cidr> allowed;
    private final BindLockout lockout;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Reconnector binder;
    private volatile Channel listener;
    private volatile boolean closed;

    public SgipServer(LinkSettings settings, LinkEnvironment environment, InboundSink sink) {
        if (settings.listenAccount() == null || settings.listenAccount().isBlank() || settings.listenPassword() == null) {
            throw new IllegalArgumentException("sms.links[" + settings.id()
                    + "]: SGIP needs listen-account and listen-password, which the Unicom gateway presents when it binds to us");
        }
        this.settings = settings;
        this.environment = environment;
        this.inbound = new SgipInbound(settings);
        this.sink = sink;
        this.metrics = new SgipServerMetrics(environment.meters(), settings.id());
        this.guard = environment.sgipServer();
        this.allowed = allowedNetworks(settings, guard);
        this.lockout = new BindLockout(guard.lockoutInitial(), guard.lockoutMax(), Clock.systemUTC());
        this.binder = new Reconnector("SGIP server of " + settings.id(), this::bind, environment.reconnect(), environment.scheduler());
    }

    public void start() {
        binder.start();
    }

    /** The port listened on, or 0 while not listening. */
    public int port() {
        Channel current = listener;
        return current == null ? 0 : ((InetSocketAddress) current.localAddress()).getPort();
    }

    public int connections() {
        return connections.size();
    }

    private CompletionStage<Void> bind() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> listening = new CompletableFuture<>();
        new ServerBootstrap()
                .group(environment.eventLoops())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        String refusal = refusal(channel);
                        if (refusal != null) {
                            metrics.refused(refusal);
                            log.debug("SGIP server of {}: connection from {} refused ({})", settings.id(),
                                    channel.remoteAddress().getAddress().getHostAddress(), refusal);
                            channel.close();
                            return;
                        }
                        connections.add(channel);
                        initPipeline(channel.pipeline(), environment.session().maxFrameLength(), new SgipServerHandler(
                                settings.id(), settings.listenAccount(), settings.listenPassword(), inbound, sink, metrics,
                                lockout, guard.bindTimeout()));
                    }
                })
                .bind(new InetSocketAddress(guard.bindAddress(), settings.listenPort())).addListener((ChannelFuture bound) -> {
                    if (!bound.isSuccess()) {
                        listening.completeExceptionally(new IOException("cannot listen on port " + settings.listenPort()
                                + ": " + bound.cause()));
                        return;
                    }
                    listener = bound.channel();
                    if (closed) {
                        listener.close();
                    } else {
                        log.info("SGIP server of {} listening on {} port {} for the carrier's MO and reports, from {}",
                                settings.id(), guard.bindAddress(), port(), allowed);
                    }
                    listening.complete(null);
                });
        return listening;
    }

    /** Why a new connection is not taken ({@code address}, {@code locked}, {@code cap}), or null if it is. */
    private String refusal(SocketChannel channel) {
        InetAddress source = channel.remoteAddress().getAddress();
        if (!Cidr.anyContains(allowed, source)) {
            return "address";
        }
        if (lockout.locked(source.getHostAddress())) {
            return "locked";
        }
        return connections.size() >= guard.maxConnections() ? "cap" : null;
    }

    /** The configured networks, or else the addresses of the link's carrier host. */
    private static List<Cidr> allowedNetworks(LinkSettings settings, SgipServerProperties guard) {
        if (!guard.allowedNetworks().isEmpty()) {
            return Cidr.parseAll(guard.allowedNetworks());
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(settings.host()))
                    .map(address -> Cidr.parse(address.getHostAddress())).toList();
        } catch (UnknownHostException e) {
            log.error("SGIP server of {}: host {} does not resolve and sms.sgip-server.allowed-networks is empty: "
                    + "no connection will be accepted", settings.id(), settings.host());
            return List.of();
        }
    }

    /** The pipeline of one connection the carrier opened: the SGIP codec, idle detection, then the handler. */
    static void initPipeline(ChannelPipeline pipeline, int maxFrameLength, SgipServerHandler handler) {
        pipeline.addLast("frame", SgipDecoder.frameDecoder(maxFrameLength))
                .addLast("decoder", new SgipDecoder())
                .addLast("encoder", new SgipEncoder())
                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast("handler", handler);
    }

    /** Stops accepting, sends UNBIND on every open connection and waits until they are closed. */
    @Override
    public void close() {
        closed = true;
        binder.stop();
        Channel current = listener;
        if (current != null) {
            current.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        SgipSequences sequences = new SgipSequences(settings.nodeId());
        for (Channel connection : connections) {
            connection.writeAndFlush(new SgipUnbind(sequences.get()));
        }
        long millis = environment.session().logoutTimeout().toMillis();
        if (!connections.newCloseFuture().awaitUninterruptibly(millis)) {
            connections.close().awaitUninterruptibly(millis);
        }
    }
}
