package org.sms1069.gateway.fuzz;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.ArrayList;
import java.util.List;

/** Sits in front of a pipeline's last handler and records what reaches it: decoded messages and exceptions. */
final class PipelineProbe extends ChannelInboundHandlerAdapter {
    final List<Object> decoded = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        decoded.add(msg);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.add(cause);
        ctx.fireExceptionCaught(cause);
    }
}
