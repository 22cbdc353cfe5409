package org.sms1069.carriersim.sgip;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.PduFrameDecoder;
import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipReport;
import org.sms1069.wire.sgip.SgipReportResp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's connection to an SP's SGIP server carries a window of reports, not one report at a time. */
class SgipReportClientTest {
    private static final int SENDERS = 8;

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    /** REPORTs the SP has received and not answered yet. */
    private final Queue<SgipReport> unanswered = new ConcurrentLinkedQueue<>();
    private volatile Channel spSide;

    @AfterEach
    void stop() {
        senders.shutdownNow();
        group.shutdownGracefully();
    }

    @Test
    void reportsOfSeveralSendersAreInFlightTogetherAndEachGetsItsOwnAnswer() throws Exception {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(SgipDecoder.frameDecoder(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH),
                                new SgipDecoder(), new SgipEncoder(), new HoldingSp());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        SgipReportClient client = new SgipReportClient(SgipSimulatorConfig.defaults(port));
        try {
            List<Future<Long>> results = IntStream.range(0, SENDERS).mapToObj(i -> senders.submit(() ->
                    client.send(sequence -> new SgipReport(sequence, sequence, 0, "8618600000" + i, SgipReport.DELIVERED,
                            0)))).toList();
            for (int i = 0; i < 500 && unanswered.size() < SENDERS; i++) {
                Thread.sleep(10);
            }
            // one at a time, the SP would see a single report until it answered it
            assertThat(unanswered).hasSize(SENDERS);

            // answered in reverse order of arrival: each sender still gets the answer to its own report
            List<SgipReport> held = List.copyOf(unanswered);
            for (int i = held.size() - 1; i >= 0; i--) {
                spSide.writeAndFlush(new SgipReportResp(held.get(i).sequence(), 0));
            }
            for (Future<Long> result : results) {
                assertThat(result.get()).isZero();
            }
        } finally {
            client.close();
            server.close().sync();
        }
    }

    /** An SP that accepts the simulator's BIND and keeps its REPORTs unanswered. */
    private final class HoldingSp extends SimpleChannelInboundHandler<SgipPdu> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, SgipPdu pdu) {
            spSide = ctx.channel();
            if (pdu instanceof SgipBind bind) {
                ctx.writeAndFlush(new SgipBindResp(bind.sequence(), 0));
            } else if (pdu instanceof SgipReport report) {
                unanswered.add(report);
            }
        }
    }
}
