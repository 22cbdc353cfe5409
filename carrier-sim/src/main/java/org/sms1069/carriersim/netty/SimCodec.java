package org.sms1069.carriersim.netty;

import io.netty.channel.ChannelHandler;

import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The handlers a protocol puts in front of its server session, made afresh for each connection: the frame
 * decoder (given the maximum frame length), the PDU decoder and the PDU encoder.
 */
public record SimCodec(IntFunction<? extends ChannelHandler> frameDecoder, Supplier<? extends ChannelHandler> decoder,
                       Supplier<? extends ChannelHandler> encoder) {
}
