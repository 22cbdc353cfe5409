package org.sms1069.gateway.session;

import org.sms1069.wire.codec.Pdu;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.Reconnector;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.link.LinkSettings;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TCP connection of a link: connects and logs in through its {@link Reconnector} (back-off with jitter),
 * counts the submits it has in its window, and drains and logs out on close. A lost connection fails its
 * waiters (retryable) and is brought back by the reconnector; a protocol without keepalive (SGIP) closes
 * the connection when idle and connects again when work arrives.
 */
final class LinkConnection<S, P extends Pdu> {
    private static final Logger log = LoggerFactory.getLogger(LinkConnection.class);

    private final String name;
    private final LinkSettings settings;
    private final LinkDialect<S, P> dialect;
    private final LinkEnvironment environment;
    private final SessionMetrics metrics;
    private final InboundSink sink;
    private final Runnable onChange;
    private final Reconnector reconnector;
    private final AtomicInteger submitsInFlight = new AtomicInteger();
    private volatile Session<S, P> session;
    private volatile boolean closing;
    private volatile boolean idleClosed;

    LinkConnection(int index, LinkSettings settings, LinkDialect<S, P> dialect, LinkEnvironment environment,
                   SessionMetrics metrics, InboundSink sink, Runnable onChange) {
        this.name = settings.id() + "#" + index;
        this.settings = settings;
        this.dialect = dialect;
        this.environment = environment;
        this.metrics = metrics;
        this.sink = sink;
        this.onChange = onChange;
        this.reconnector = new Reconnector("link " + name, this::connect, environment.reconnect(), environment.scheduler());
    }

    void start() {
        reconnector.start();
    }

    boolean ready() {
        Session<S, P> current = session;
        return current != null && current.ready();
    }

    /** Closed for want of traffic (SGIP); {@link #wake()} brings it back. */
    boolean sleeping() {
        return idleClosed && session == null && !closing;
    }

    void wake() {
        if (idleClosed) {
            idleClosed = false;
            reconnector.start();
        }
    }

    int submitsInFlight() {
        return submitsInFlight.get();
    }

    /** Takes a window slot if this connection is ready and has one free. */
    boolean tryReserve(int window) {
        while (ready()) {
            int now = submitsInFlight.get();
            if (now >= window) {
                return false;
            }
            if (submitsInFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Writes the part after {@code delayNanos} (the pacer's slot), on the event loop; frees the slot when answered. */
    CompletableFuture<SubmitResult> submit(OutboundSubmit part, long delayNanos) {
        Session<S, P> current = session;
        CompletableFuture<SubmitResult> result = new CompletableFuture<>();
        result.whenComplete((r, e) -> submitsInFlight.decrementAndGet());
        if (current == null) {
            result.complete(SubmitResult.Rejected.linkDown(settings.id()));
            return result;
        }
        try {
            current.channel().eventLoop().schedule(() -> current.submit(part).whenComplete((r, e) ->
                    result.complete(r != null ? r : new SubmitResult.Rejected(true, "IO_ERROR", String.valueOf(e)))),
                    delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.complete(SubmitResult.Rejected.linkDown(settings.id()));
        }
        return result;
    }

    /** Connects and logs in without blocking: the stage completes when the session is ready, or fails. */
    private CompletionStage<Void> connect() {
        if (closing) {
            return CompletableFuture.completedFuture(null);
        }
        SessionProperties limits = environment.session();
        Session<S, P> fresh = new Session<>(name, dialect, limits, metrics, sink, this::idle);
        ChannelFuture connecting = new Bootstrap()
                .group(environment.eventLoops())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) limits.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initPipeline(channel.pipeline(), dialect, limits, fresh);
                    }
                })
                .connect(settings.host(), settings.port());
        CompletableFuture<Void> connected = new CompletableFuture<>();
        connecting.addListener(attempt -> {
            if (attempt.isSuccess()) {
                connected.complete(null);
            } else {
                connected.completeExceptionally(new IOException("cannot connect to " + settings.host() + ":"
                        + settings.port() + ": " + attempt.cause().getMessage()));
            }
        });
        Duration loginTimeout = limits.loginTimeout().plusSeconds(1);
        return connected
                .thenCompose(ignored -> fresh.login().orTimeout(loginTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .handle((login, error) -> {
                    if (error != null) {
                        connecting.channel().close();
                        throw new CompletionException(failure(error, loginTimeout));
                    }
                    if (!login.ok()) {
                        metrics.loginRefused(login.rawResult());
                        connecting.channel().close();
                        throw new CompletionException(new IOException("login refused: " + login.rawResult() + " " + login.detail()));
                    }
                    loggedIn(fresh);
                    return null;
                });
    }

    /** The pipeline of one connection: the dialect's codec, idle detection, then the session. */
    static <S, P extends Pdu> void initPipeline(ChannelPipeline pipeline, LinkDialect<S, P> dialect, SessionProperties limits, Session<S, P> session) {
        dialect.initCodec(pipeline, limits.maxFrameLength());
        pipeline.addLast("idle", new IdleStateHandler(0, 0, limits.keepaliveIdle().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast("session", session);
    }

    private static IOException failure(Throwable error, Duration loginTimeout) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause instanceof TimeoutException ? "no login answer within " + loginTimeout
                : "no login answer: " + cause.getMessage(), cause);
    }

    private void loggedIn(Session<S, P> fresh) {
        metrics.loggedIn();
        session = fresh;
        fresh.channel().closeFuture().addListener(f -> lost(fresh));
        if (closing) {
            fresh.logout();
        }
        onChange.run();
    }

    private void lost(Session<S, P> closed) {
        if (session == closed) {
            session = null;
            onChange.run();
        }
        if (closing) {
            return;
        }
        if (idleClosed) {
            log.debug("{} closed while idle; reconnects when work arrives", name);
        } else {
            log.warn("{} lost its connection; reconnecting", name);
            reconnector.connectionLost();
        }
    }

    /** No keepalive in this protocol (SGIP): log out while idle, come back on demand. */
    private void idle() {
        Session<S, P> current = session;
        if (current != null && submitsInFlight.get() == 0) {
            idleClosed = true;
            current.logout();
        }
    }

    /** Stops taking work, waits until answers in flight are in or the deadline passes, then logs out. */
    void close(long deadlineNanos) {
        closing = true;
        reconnector.stop();
        Session<S, P> current = session;
        if (current == null) {
            return;
        }
        current.channel().eventLoop().execute(current::stopTakingWork);
        while (submitsInFlight.get() > 0 && System.nanoTime() < deadlineNanos && current.channel().isActive()) {
            sleepBriefly();
        }
        if (submitsInFlight.get() > 0) {
            log.warn("{} logs out with {} submits unanswered", name, submitsInFlight.get());
        }
        try {
            current.logout().get(environment.session().logoutTimeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            current.channel().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.channel().close();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
