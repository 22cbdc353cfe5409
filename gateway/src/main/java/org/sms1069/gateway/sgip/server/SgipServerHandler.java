package org.sms1069.gateway.sgip.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.wire.codec.CommandIds;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.session.Reply;
import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.gateway.sgip.SgipInbound;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipUnbindResp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection the Unicom gateway opened to us: BIND with login type 2 and the agreed credentials first
 * (otherwise result 1 and close; a second BIND on a bound connection gets result 2 and changes nothing), then
 * DELIVER, REPORT and USERRPT, each answered with result 0 once the MO or receipt was kept (11, node busy, when
 * it could not be); UNBIND is
 * answered and the connection closed, and so is the connection when the gateway answers our own UNBIND.
 * A connection that has not bound within the BIND deadline is closed; a refused BIND locks its source address out
 * ({@link BindLockout}), and a BIND from a locked-out address is refused without looking at its credentials.
 * Never logs PDU contents, nor anything an unauthenticated peer sent (the login name included).
 */
final class SgipServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SgipServerHandler.class);
    private static final int OK = 0;
    private static final int ILLEGAL_LOGIN = 1;
    private static final int REPEATED_LOGIN = 2;
    private static final int BAD_LOGIN_TYPE = 4;

    private final String linkId;
    private final String account;
    private final String password;
    private final SgipInbound inbound;
    private final InboundSink sink;
    private final SgipServerMetrics metrics;
    private final BindLockout lockout;
    private final Duration bindTimeout;
    private boolean bound;
    private ScheduledFuture<?> bindDeadline;

    SgipServerHandler(String linkId, String account, String password, SgipInbound inbound, InboundSink sink,
                      SgipServerMetrics metrics, BindLockout lockout, Duration bindTimeout) {
        this.linkId = linkId;
        this.account = account;
        this.password = password;
        this.inbound = inbound;
        this.sink = sink;
        this.metrics = metrics;
        this.lockout = lockout;
        this.bindTimeout = bindTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        bindDeadline = ctx.executor().schedule(() -> {
            if (!bound && ctx.channel().isActive()) {
                metrics.refused("bind-timeout");
                log.info("SGIP server of {}: {} did not bind within {} ms, closing", linkId, source(ctx), bindTimeout.toMillis());
                ctx.close();
            }
        }, bindTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (bindDeadline != null) {
            bindDeadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    /** The peer's IP address: the key of its lockout, and what logs name it by. */
    static String source(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SgipBind bind && bound) {
            metrics.bind(REPEATED_LOGIN);
            ctx.writeAndFlush(new SgipBindResp(bind.sequence(), REPEATED_LOGIN));
        } else if (msg instanceof SgipBind bind) {
            bind(ctx, bind);
        } else if (!bound) {
            log.warn("SGIP server of {}: a request before BIND from {}, closing", linkId, source(ctx));
            ctx.close();
        } else if (msg instanceof DecodeFailure<?> failure) {
            undecodable(ctx, (DecodeFailure<SgipSequence>) failure);
        } else if (msg instanceof SgipUnbindResp) {
            ctx.close(); // the gateway agreed to our UNBIND (sent when the server closes): both sides close
        } else if (!CommandIds.isResponse(((SgipPdu) msg).commandId())) {
            Reply reply = inbound.reply((SgipPdu) msg);
            if (reply != null) {
                reply.carryOut(sink, ctx.channel());
            }
        }
    }

    private void bind(ChannelHandlerContext ctx, SgipBind bind) {
        String source = source(ctx);
        boolean locked = lockout.locked(source);
        int result = OK;
        if (locked) {
            result = ILLEGAL_LOGIN;
        } else if (bind.loginType() != SgipBind.SMG_TO_SP) {
            result = BAD_LOGIN_TYPE;
        } else if (!same(account, bind.loginName()) || !same(password, bind.loginPassword())) {
            result = ILLEGAL_LOGIN;
        }
        metrics.bind(result);
        var written = ctx.writeAndFlush(new SgipBindResp(bind.sequence(), result));
        if (result == OK) {
            bound = true;
            lockout.succeeded(source);
        } else {
            Duration lockedOut = locked ? Duration.ZERO : lockout.failed(source);
            log.warn("SGIP server of {}: BIND from {} refused with result {}{}", linkId, source, result,
                    locked ? " (address locked out after refused BINDs)" : "; address locked out for " + lockedOut.toMillis() + " ms");
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private void undecodable(ChannelHandlerContext ctx, DecodeFailure<SgipSequence> failure) {
        metrics.malformed();
        Object answer = inbound.errorReply(failure);
        log.warn("SGIP server of {}: command {} sequence {} did not decode{}", linkId, CommandIds.hex(failure.commandId()),
                failure.sequence(), answer == null ? ", closing" : "; answered with an error");
        if (answer == null) {
            ctx.close(); // the spec's server disconnects on a malformed PDU it cannot answer
        } else {
            ctx.writeAndFlush(answer);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            log.debug("SGIP server of {}: connection idle, closing", linkId);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // before a BIND the message may quote what the peer sent: only the kind of error then
        log.info("SGIP server of {}: connection error from {}, closing: {}", linkId, source(ctx),
                bound ? cause.toString() : cause.getClass().getSimpleName());
        ctx.close();
    }
}
