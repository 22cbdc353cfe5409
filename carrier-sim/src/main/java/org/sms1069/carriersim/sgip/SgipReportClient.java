package org.sms1069.carriersim.sgip;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.sms1069.carriersim.netty.AnswerWaiters;
import org.sms1069.wire.codec.PduFrameDecoder;
import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipResultResp;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipSequences;
import org.sms1069.wire.sgip.SgipUnbind;
import org.sms1069.wire.sgip.SgipUnbindResp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The SMG's connection to the SP's SGIP server: opened on demand with BIND login type 2, carries REPORTs and
 * DELIVERs (each caller blocks until the SP answers its own; several callers' requests are in flight together), and
 * is UNBOUND after a quiet spell, as the spec
 * has clients do. Callers are receipt threads and MO injection, never an event loop.
 */
final class SgipReportClient implements AutoCloseable {
    private static final int IDLE_SECONDS = 10;
    private static final int CONNECT_MILLIS = 3_000;

    private final SgipSimulatorConfig config;
    private final SgipSequences sequences;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("sgip-sim-reports", true));
    private final AnswerWaiters<SgipSequence> answers = new AnswerWaiters<>();
    private volatile Channel channel;

    SgipReportClient(SgipSimulatorConfig config) {
        this.config = config;
        this.sequences = new SgipSequences(config.nodeId());
    }

    /**
     * Sends the request built for a fresh sequence and waits for the SP's Result (0 = OK). Callers on several threads
     * have their requests in flight together (the receipt threads: a window of reports), each waiting for its own answer.
     */
    long send(Function<SgipSequence, SgipPdu> request) {
        CompletableFuture<Long> answer;
        synchronized (this) {
            Channel current = bound();
            SgipSequence sequence = sequences.get();
            answer = answers.send(current, sequence, request.apply(sequence));
        }
        return AnswerWaiters.await(answer);
    }

    private Channel bound() {
        if (channel != null && channel.isActive()) {
            return channel;
        }
        var connected = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(SgipDecoder.frameDecoder(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH),
                                new SgipDecoder(), new SgipEncoder(), new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS),
                                new Answers());
                    }
                })
                .connect(config.reportHost(), config.reportPort()).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw new IllegalStateException("cannot reach the SP's SGIP server at " + config.reportHost() + ":"
                    + config.reportPort() + ": " + connected.cause());
        }
        Channel fresh = connected.channel();
        SgipSequence sequence = sequences.get();
        long result = AnswerWaiters.await(answers.send(fresh, sequence,
                new SgipBind(sequence, SgipBind.SMG_TO_SP, config.reportAccount(), config.reportPassword())));
        if (result != 0) {
            fresh.close();
            throw new IllegalStateException("the SP's SGIP server refused our BIND with result " + result);
        }
        channel = fresh;
        return fresh;
    }

    /** Cuts the connection without UNBIND, as a crash would; the next report opens a new one. Does not wait for a send. */
    void drop() {
        Channel current = channel;
        if (current != null) {
            current.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(new SgipUnbind(sequences.get())).awaitUninterruptibly(1, TimeUnit.SECONDS);
            channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Answers complete their waiters; the SP's UNBIND is answered; a quiet connection is UNBOUND. */
    private final class Answers extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof SgipResultResp resp) {
                answers.complete(resp.sequence(), resp.result());
            } else if (msg instanceof SgipUnbind unbind) {
                ctx.writeAndFlush(new SgipUnbindResp(unbind.sequence())).addListener(ChannelFutureListener.CLOSE);
            } else if (msg instanceof SgipUnbindResp) {
                ctx.close();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                ctx.writeAndFlush(new SgipUnbind(sequences.get()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answers.failAll();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
