package org.sms1069.carriersim.cmpp;

import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.carriersim.log.SubmitLog;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.HeldResponses;
import org.sms1069.carriersim.netty.SimCounters;
import org.sms1069.carriersim.netty.SimServer;
import org.sms1069.carriersim.receipt.OutcomeMix;
import org.sms1069.carriersim.receipt.ReceiptScheduler;
import org.sms1069.carriersim.throttle.TpsLimiter;
import org.sms1069.gateway.cmpp.CmppCommandIds;
import org.sms1069.gateway.cmpp.CmppDecoder;
import org.sms1069.gateway.cmpp.CmppDeliver;
import org.sms1069.gateway.cmpp.CmppEncoder;
import org.sms1069.gateway.cmpp.CmppVersion;
import org.sms1069.gateway.codec.MessageContent;
import org.sms1069.gateway.codec.MessageFormat;
import org.sms1069.gateway.codec.PduFrameDecoder;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A simulated CMPP 2.0/3.0 ISMG on a TCP port: checks CONNECT authenticators, answers SUBMITs within a
 * window and a TPS limit (result 8 beyond them), sends status reports after a delay with a configurable
 * outcome mix, delivers injected MO, and lets tests disturb it (drop connections, stall answers, send a
 * malformed or corrupt frame). Plain Java; close it when done.
 */
public final class CmppSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CmppSimulator.class);
    private static final Duration DELIVER_ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int UCS2_SINGLE = 70;

    private final CmppSimulatorConfig config;
    private final SimCounters counters = new SimCounters();
    private final SubmitLog<AcceptedSubmit> submitLog = new SubmitLog<>(SubmitLog.DEFAULT_CAPACITY);
    private final HeldResponses held = new HeldResponses();
    private final TpsLimiter limiter;
    private final CmppMsgIdSource msgIds;
    private final OutcomeMix outcomes;
    private final ReceiptScheduler receipts;
    private final List<CmppServerSession> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SimServer server;
    private volatile boolean reportFirst;

    private CmppSimulator(CmppSimulatorConfig config) {
        this.config = config;
        this.reportFirst = config.reportBeforeResponse();
        this.limiter = new TpsLimiter(config.tps());
        this.msgIds = new CmppMsgIdSource(config.gatewayId());
        this.outcomes = new OutcomeMix(config.outcomes(), config.seed());
        this.receipts = new ReceiptScheduler("cmpp-sim", 2, Duration.ofMillis(500), Duration.ofMinutes(10));
        this.server = SimServer.listen("cmpp-sim", config.port(), channel -> {
            CmppServerSession session = new CmppServerSession(this);
            sessions.add(session);
            channel.closeFuture().addListener(f -> sessions.remove(session));
            channel.pipeline()
                    .addLast("frame", CmppDecoder.frameDecoder(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH))
                    .addLast("decoder", new CmppDecoder(CmppVersion.V30)) // CONNECT reads alike; replaced after it
                    .addLast("encoder", new CmppEncoder(CmppVersion.V30))
                    .addLast("session", session);
        });
    }

    public static CmppSimulator start(CmppSimulatorConfig config) {
        CmppSimulator simulator = new CmppSimulator(config);
        log.info("CMPP simulator listening on port {} with {}", simulator.port(), config);
        return simulator;
    }

    public int port() {
        return server.port();
    }

    public CmppSimulatorConfig config() {
        return config;
    }

    public SimCounters counters() {
        return counters;
    }

    /** Submits accepted and answered, in order (the most recent 100 000). */
    public List<AcceptedSubmit> submits() {
        return submitLog.snapshot();
    }

    public List<AcceptedSubmit> awaitSubmits(int count, Duration timeout) {
        return submitLog.awaitAtLeast(count, timeout);
    }

    public void clearSubmits() {
        submitLog.clear();
    }

    public int loggedInSessions() {
        return (int) sessions.stream().filter(CmppServerSession::loggedIn).count();
    }

    public int pendingReceipts() {
        return receipts.pending();
    }

    /** Closes every connection without TERMINATE, as a crash or a cut line would. */
    public void dropConnections() {
        log.info("Dropping all CMPP connections");
        server.dropAll();
    }

    /** While true SUBMITs get no answer; held answers go out on resume (those whose connection is gone never). */
    public void stallResponses(boolean stall) {
        held.stall(stall);
    }

    /** From now on, send each status report before its SUBMIT_RESP (or, with false, after the receipt delay). */
    public void reportBeforeResponse(boolean value) {
        reportFirst = value;
    }

    /** SUBMIT answers held back by {@link #stallResponses(boolean)}. */
    public int heldResponses() {
        return held.held();
    }

    /** A well-framed DELIVER whose body is cut short: the SP should answer it with an error and carry on. */
    public void sendMalformedFrame() {
        for (CmppServerSession session : loggedIn()) {
            session.channel().writeAndFlush(Unpooled.buffer(17).writeInt(17).writeInt((int) CmppCommandIds.DELIVER)
                    .writeInt((int) session.nextSequence()).writeZero(5));
        }
    }

    /** A length field below the header size: the SP cannot frame the stream any more and must reconnect. */
    public void sendCorruptFrame() {
        for (CmppServerSession session : loggedIn()) {
            session.channel().writeAndFlush(Unpooled.buffer(12).writeInt(3).writeInt(0).writeInt(0));
        }
    }

    /**
     * Sends a handset's message (UCS2, with UDH parts beyond 70 characters) to a logged-in SP and waits for
     * its DELIVER_RESP.
     *
     * @throws IllegalStateException when nobody is logged in or the SP did not answer 0
     */
    public void injectMo(String from, String to, String text) {
        CmppServerSession session = loggedIn().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no SP is logged in to receive the MO"));
        for (MessageContent content : moParts(text)) {
            CmppDeliver deliver = new CmppDeliver(session.nextSequence(), msgIds.next(1), to, "", 0, from, 0, 0, content, "");
            long result = await(session.deliver(deliver));
            if (result != 0) {
                throw new IllegalStateException("the SP answered the MO with result " + result);
            }
            counters.mosSent.incrementAndGet();
        }
    }

    private static List<MessageContent> moParts(String text) {
        if (text.length() <= UCS2_SINGLE) {
            return List.of(MessageContent.ofText(MessageFormat.UCS2, text));
        }
        List<MessageContent> parts = new ArrayList<>();
        int total = (text.length() + 66) / 67;
        for (int i = 0; i < total; i++) {
            String chunk = text.substring(i * 67, Math.min(text.length(), (i + 1) * 67));
            parts.add(MessageContent.segment(MessageFormat.UCS2, new org.sms1069.gateway.codec.ConcatenationUdh(0x5A, total, i + 1),
                    chunk.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)));
        }
        return parts;
    }

    @Override
    public void close() {
        held.stall(false);
        server.close();
        receipts.close();
        log.info("CMPP simulator on port {} stopped: {}", server.port(), counters);
    }

    // --- used by the sessions and receipt jobs

    boolean reportFirst() {
        return reportFirst;
    }

    boolean admit() {
        return limiter.tryAcquire();
    }

    CmppMsgIdSource msgIds() {
        return msgIds;
    }

    HeldResponses held() {
        return held;
    }

    /** One report job per recipient; Msg_Id X + i for recipient i. */
    List<CmppReceiptJob> reportsFor(AcceptedSubmit submit, long msgId) {
        String now = ZonedDateTime.now(ZONE).format(REPORT_TIME);
        List<CmppReceiptJob> jobs = new ArrayList<>();
        for (int i = 0; i < submit.destinations().size(); i++) {
            jobs.add(CmppReceiptJob.of(this, msgId + i, submit.destinations().get(i), submit.sourceAddr(),
                    outcomes.next(), now, now, counters));
        }
        return jobs;
    }

    void accepted(AcceptedSubmit submit, List<CmppReceiptJob> reports) {
        counters.submitsAccepted.incrementAndGet();
        submitLog.add(submit);
        reports.forEach(job -> receipts.schedule(job, config.receiptDelay()));
    }

    boolean deliverReport(CmppReceiptJob job) {
        Optional<CmppServerSession> session = loggedIn().stream().findFirst();
        if (session.isEmpty()) {
            return false;
        }
        try {
            return await(session.get().deliver(session.get().reportPdu(job))) == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private List<CmppServerSession> loggedIn() {
        return sessions.stream().filter(CmppServerSession::loggedIn).toList();
    }

    private static long await(java.util.concurrent.CompletableFuture<Long> answer) {
        try {
            return answer.get(DELIVER_ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no DELIVER_RESP: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
