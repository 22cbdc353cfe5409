package org.sms1069.carriersim.cmpp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.gateway.cmpp.CmppActiveTest;
import org.sms1069.gateway.cmpp.CmppActiveTestResp;
import org.sms1069.gateway.cmpp.CmppAuthenticator;
import org.sms1069.gateway.cmpp.CmppCommandIds;
import org.sms1069.gateway.cmpp.CmppConnect;
import org.sms1069.gateway.cmpp.CmppConnectResp;
import org.sms1069.gateway.cmpp.CmppDecoder;
import org.sms1069.gateway.cmpp.CmppDeliver;
import org.sms1069.gateway.cmpp.CmppDeliverResp;
import org.sms1069.gateway.cmpp.CmppEncoder;
import org.sms1069.gateway.cmpp.CmppMsgIds;
import org.sms1069.gateway.cmpp.CmppResultCodes;
import org.sms1069.gateway.cmpp.CmppSubmit;
import org.sms1069.gateway.cmpp.CmppSubmitResp;
import org.sms1069.gateway.cmpp.CmppTerminate;
import org.sms1069.gateway.cmpp.CmppTerminateResp;
import org.sms1069.gateway.cmpp.CmppVersion;
import org.sms1069.gateway.codec.MalformedPdu;
import org.sms1069.gateway.codec.Octets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ISMG side of one SP connection: checks the CONNECT, answers SUBMITs (throttled, held back or with the
 * report first as the simulator is set), sends DELIVERs and waits for their answers.
 */
final class CmppServerSession extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(CmppServerSession.class);
    private static final int STATUS_BAD_SOURCE = 2;
    private static final int STATUS_AUTH_FAILED = 3;
    private static final long STRUCTURE_ERROR = 1;

    private final CmppSimulator simulator;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicLong sequences = new AtomicLong();
    private final Map<Long, CompletableFuture<Long>> delivers = new ConcurrentHashMap<>();
    private volatile CmppVersion version = CmppVersion.V30;
    private volatile boolean loggedIn;
    private Channel channel;

    CmppServerSession(CmppSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    boolean loggedIn() {
        return loggedIn && channel.isActive();
    }

    CmppVersion version() {
        return version;
    }

    long nextSequence() {
        return sequences.incrementAndGet() & 0xFFFF_FFFFL;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CmppConnect connect) {
            login(connect);
        } else if (!loggedIn) {
            ctx.close(); // anything before a successful CONNECT
        } else if (msg instanceof CmppSubmit submit) {
            submit(submit);
        } else if (msg instanceof CmppDeliverResp resp) {
            CompletableFuture<Long> waiter = delivers.remove(resp.sequenceId());
            if (waiter != null) {
                waiter.complete(resp.result());
            }
        } else if (msg instanceof CmppActiveTest test) {
            channel.writeAndFlush(new CmppActiveTestResp(test.sequenceId()));
        } else if (msg instanceof CmppTerminate terminate) {
            channel.writeAndFlush(new CmppTerminateResp(terminate.sequenceId())).addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof MalformedPdu<?> malformed && malformed.commandId() == CmppCommandIds.SUBMIT) {
            simulator.counters().submitsMalformed.incrementAndGet();
            channel.writeAndFlush(new CmppSubmitResp((Long) malformed.sequence(), 0, STRUCTURE_ERROR));
        }
    }

    private void login(CmppConnect connect) {
        CmppSimulatorConfig config = simulator.config();
        long status = 0;
        if (!config.account().equals(connect.sourceAddr())) {
            status = STATUS_BAD_SOURCE;
        } else if (!CmppAuthenticator.source(config.account(), config.password(), connect.timestamp())
                .equals(connect.authenticatorSource())) {
            status = STATUS_AUTH_FAILED;
        }
        version = CmppVersion.of(connect.version());
        channel.pipeline().replace("decoder", "decoder", new CmppDecoder(version));
        channel.pipeline().replace("encoder", "encoder", new CmppEncoder(version));
        Octets ismg = status == 0 ? CmppAuthenticator.ismg(0, connect.authenticatorSource(), config.password(), version)
                : Octets.of(new byte[16]);
        var written = channel.writeAndFlush(new CmppConnectResp(connect.sequenceId(), status, ismg, version.code()));
        if (status == 0) {
            loggedIn = true;
            simulator.counters().loginsAccepted.incrementAndGet();
        } else {
            simulator.counters().loginsRejected.incrementAndGet();
            log.info("CMPP login of '{}' refused with status {}", connect.sourceAddr(), status);
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void submit(CmppSubmit submit) {
        if (unanswered.get() >= simulator.config().maxWindow() || !simulator.admit()) {
            simulator.counters().submitsThrottled.incrementAndGet();
            channel.writeAndFlush(new CmppSubmitResp(submit.sequenceId(), 0, CmppResultCodes.FLOW_CONTROL));
            return;
        }
        int recipients = submit.destTerminalIds().size();
        long msgId = simulator.msgIds().next(Math.max(1, recipients));
        List<String> ids = new ArrayList<>(recipients);
        for (int i = 0; i < recipients; i++) {
            ids.add(CmppMsgIds.toDecimal(msgId + i));
        }
        var udh = submit.content().concatenation();
        AcceptedSubmit accepted = new AcceptedSubmit("CMPP" + (version == CmppVersion.V30 ? "30" : "20"),
                simulator.config().account(), submit.srcId(), submit.destTerminalIds(), submit.serviceId(),
                submit.content().format(), submit.registeredDelivery(),
                submit.content().isText() ? submit.content().text() : submit.content().userData().toHex(),
                udh.map(u -> u.total()).orElse(submit.pkTotal()), udh.map(u -> u.number()).orElse(submit.pkNumber()),
                udh.map(u -> u.reference()).orElse(-1), ids, Instant.now());
        unanswered.incrementAndGet();
        simulator.held().runOrHold(() -> channel.eventLoop().execute(() -> answer(submit, msgId, accepted)));
    }

    private void answer(CmppSubmit submit, long msgId, AcceptedSubmit accepted) {
        if (!channel.isActive()) {
            unanswered.decrementAndGet(); // lost with its connection: never reached the handset
            return;
        }
        boolean reportFirst = simulator.reportFirst();
        List<CmppReceiptJob> reports = simulator.reportsFor(accepted, msgId);
        if (reportFirst) {
            reports.forEach(job -> channel.write(reportPdu(job)));
            simulator.counters().receiptsSent.addAndGet(reports.size());
        }
        channel.writeAndFlush(new CmppSubmitResp(submit.sequenceId(), msgId, 0)).addListener(written -> {
            unanswered.decrementAndGet();
            if (written.isSuccess()) {
                simulator.accepted(accepted, submit.registeredDelivery() == 1 && !reportFirst ? reports : List.of());
            }
        });
    }

    CmppDeliver reportPdu(CmppReceiptJob job) {
        return CmppDeliver.ofReport(nextSequence(), simulator.msgIds().next(1), job.destId(), "", job.report(), version);
    }

    /** Writes a DELIVER; completes with the SP's result (0 = OK). */
    CompletableFuture<Long> deliver(CmppDeliver deliver) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        delivers.put(deliver.sequenceId(), result);
        channel.writeAndFlush(deliver).addListener(written -> {
            if (!written.isSuccess()) {
                delivers.remove(deliver.sequenceId());
                result.completeExceptionally(written.cause());
            }
        });
        return result;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        loggedIn = false;
        delivers.values().forEach(waiter -> waiter.completeExceptionally(new IllegalStateException("connection closed")));
        delivers.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("CMPP simulator connection error, closing: {}", cause.toString());
        ctx.close();
    }
}
