package org.sms1069.gateway.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.wire.codec.CommandIds;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.wire.codec.MalformedPdu;
import org.sms1069.wire.codec.Pdu;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.event.OutboundSubmit;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One logged-in (or logging-in) connection: the last handler of the pipeline. Matches answers to requests
 * through its {@link RequestWindow}, answers the carrier's requests as the dialect says, sends keepalives when
 * idle, and hands receipts and MO to the link's sink. All state lives on the channel's event loop.
 * Never logs PDU contents: submits and delivers carry phone numbers and text.
 */
final class Session<S, P extends Pdu> extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    enum State { LOGGING_IN, READY, DRAINING, CLOSED }

    private final String name;
    private final LinkDialect<S, P> dialect;
    private final SessionProperties properties;
    private final SessionMetrics metrics;
    private final InboundSink sink;
    private final Supplier<S> sequences;
    private final Runnable onIdleWithoutKeepalive;
    private volatile State state = State.LOGGING_IN;
    private Channel channel;
    private RequestWindow<S, P> window;
    private int keepaliveMisses;

    Session(String name, LinkDialect<S, P> dialect, SessionProperties properties, SessionMetrics metrics,
            InboundSink sink, Runnable onIdleWithoutKeepalive) {
        this.name = name;
        this.dialect = dialect;
        this.properties = properties;
        this.metrics = metrics;
        this.sink = sink;
        this.sequences = dialect.sequences();
        this.onIdleWithoutKeepalive = onIdleWithoutKeepalive;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        window = new RequestWindow<>(channel, metrics);
    }

    Channel channel() {
        return channel;
    }

    boolean ready() {
        return state == State.READY;
    }

    /** Sends the login; completes with the carrier's verdict or fails with a {@link LinkFailure}. */
    CompletableFuture<LoginResult> login() {
        CompletableFuture<LoginResult> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            S sequence = sequences.get();
            window.send(sequence, dialect.loginRequest(sequence), properties.loginTimeout(), 0)
                    .thenApply(dialect::loginResult)
                    .whenComplete((login, error) -> {
                        if (error == null && login.ok() && state == State.LOGGING_IN) {
                            state = State.READY;
                        }
                        complete(result, login, error);
                    });
        });
        return result;
    }

    /** Submits one part; must run on the event loop. Never fails: problems are a {@link SubmitResult.Rejected}. */
    CompletableFuture<SubmitResult> submit(OutboundSubmit part) {
        if (state != State.READY) {
            return CompletableFuture.completedFuture(SubmitResult.Rejected.linkDown(name));
        }
        S sequence = sequences.get();
        P request;
        try {
            request = dialect.submitRequest(sequence, part);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new SubmitResult.Rejected(false, "INVALID_PART", e.getMessage()));
        }
        return window.send(sequence, request, properties.responseTimeout(), properties.maxResends())
                .handle((response, error) -> error == null ? dialect.submitResult(response, part) : rejected(error));
    }

    /** Stops taking submits, logs out and closes; completes when the channel is closed. */
    CompletableFuture<Void> logout() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> closed.complete(null));
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            state = State.DRAINING;
            S sequence = sequences.get();
            window.send(sequence, dialect.logoutRequest(sequence), properties.logoutTimeout(), 0)
                    .whenComplete((answer, error) -> channel.close());
        });
        return closed;
    }

    void stopTakingWork() {
        if (state == State.READY) {
            state = State.DRAINING;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        keepaliveMisses = 0;
        if (msg instanceof DecodeFailure<?> failure) {
            undecodable((DecodeFailure<S>) failure);
            return;
        }
        // the dialect's decoder emits its own PDU family or a DecodeFailure, nothing else
        P pdu = (P) msg;
        S sequence = dialect.sequenceOf(pdu);
        if (CommandIds.isResponse(pdu.commandId())) {
            if (!window.complete(sequence, pdu)) {
                metrics.unexpectedResponse();
                log.warn("{}: {} for sequence {} matches no request in flight", name, msg.getClass().getSimpleName(), sequence);
            }
            return;
        }
        Reply reply;
        try {
            reply = dialect.onRequest(pdu);
        } catch (RuntimeException e) {
            log.error("{}: cannot handle {} sequence {}: {}", name, msg.getClass().getSimpleName(), sequence, e.toString());
            return;
        }
        reply.carryOut(sink, channel);
    }

    private void undecodable(DecodeFailure<S> failure) {
        metrics.malformed();
        String reason = failure instanceof MalformedPdu<S> malformed ? String.valueOf(malformed.cause().getMessage()) : "unknown command";
        log.warn("{}: command {} sequence {} did not decode ({}); the connection stays up", name,
                CommandIds.hex(failure.commandId()), failure.sequence(), reason);
        if (failure.sequence() == null) {
            return;
        }
        if (failure.isResponse()) {
            // the carrier answered but we cannot read whether it took the part: do not send it again blindly
            window.fail(failure.sequence(), new LinkFailure("MALFORMED_RESPONSE", false, reason));
            return;
        }
        P answer = dialect.errorReply(failure);
        if (answer != null) {
            channel.writeAndFlush(answer);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent) || state != State.READY) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        S sequence = sequences.get();
        P keepalive = dialect.keepaliveRequest(sequence);
        if (keepalive == null) {
            onIdleWithoutKeepalive.run();
            return;
        }
        window.send(sequence, keepalive, properties.keepaliveIdle(), 0).whenComplete((answer, error) -> {
            if (error == null) {
                keepaliveMisses = 0;
            } else if (++keepaliveMisses >= properties.keepaliveMisses()) {
                log.warn("{}: {} keepalives unanswered, dropping the connection", name, keepaliveMisses);
                channel.close();
            } else {
                metrics.keepaliveMissed();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            metrics.malformed();
            log.warn("{}: the byte stream cannot be framed any more, closing: {}", name, cause.getMessage());
        } else {
            log.info("{}: connection error, closing: {}", name, cause.toString());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        window.close(LinkFailure.linkDown("connection " + name + " closed"));
        ctx.fireChannelInactive();
    }

    private static SubmitResult rejected(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof LinkFailure failure) {
            return new SubmitResult.Rejected(failure.retryable(), failure.rawResult(), failure.getMessage());
        }
        return new SubmitResult.Rejected(true, "IO_ERROR", cause.getClass().getSimpleName());
    }

    private static <T> void complete(CompletableFuture<T> target, T value, Throwable error) {
        if (error != null) {
            target.completeExceptionally(error);
        } else {
            target.complete(value);
        }
    }
}
