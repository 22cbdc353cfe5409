package org.sms1069.carriersim.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.log.SubmitLog;
import org.sms1069.carriersim.receipt.DeliveryOutcome;
import org.sms1069.carriersim.receipt.OutcomeMix;
import org.sms1069.carriersim.receipt.ReceiptJob;
import org.sms1069.carriersim.receipt.ReceiptScheduler;
import org.sms1069.carriersim.stats.HandsetPart;
import org.sms1069.carriersim.stats.SimStats;
import org.sms1069.carriersim.throttle.TpsLimiter;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.PduFrameDecoder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * What the CMPP, SMGP and SGIP simulators share: the TCP server and its sessions, the submit log, the TPS
 * limiter, held answers, the outcome mix and the receipt scheduler, and the test hooks (drop, stall, report
 * first, corrupt frame). A protocol adds its codec, its server session, its ids and its report and MO PDUs.
 *
 * @param <T> the protocol's server session
 * @param <C> the protocol's settings
 */
public abstract class NettySimulator<T extends SimSession, C extends SimConfig> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NettySimulator.class);

    private final String protocol;
    private final String name;
    private final C config;
    private final SimBehaviour behaviour;
    private final SimCounters counters;
    private final SimStats stats;
    private final FlowControlFault flowControl;
    private final SubmitLog<AcceptedSubmit> submitLog = new SubmitLog<>(SubmitLog.DEFAULT_CAPACITY);
    private final HeldResponses held = new HeldResponses();
    private final TpsLimiter limiter;
    private final OutcomeMix outcomes;
    private final ReceiptScheduler receipts;
    private final List<T> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger peakLoggedIn = new AtomicInteger();
    private volatile SimServer server;
    private volatile boolean reportFirst;
    private volatile boolean intermediateStates;

    /**
     * {@code protocol} as it appears in log lines, e.g. "CMPP"; the simulator's threads are named after it, and
     * it counts in {@code stats} under its lower-case name. {@code flowControl} may refuse some submits.
     */
    protected NettySimulator(String protocol, C config, SimStats stats, FlowControlFault flowControl) {
        this.protocol = protocol;
        this.name = statsKey() + "-sim";
        this.stats = stats;
        this.flowControl = flowControl;
        this.counters = new SimCounters(statsKey(), stats);
        this.config = config;
        this.behaviour = config.behaviour();
        this.reportFirst = behaviour.reportBeforeResponse();
        this.limiter = new TpsLimiter(behaviour.tps());
        this.outcomes = new OutcomeMix(behaviour.outcomes(), behaviour.seed());
        this.receipts = new ReceiptScheduler(name, ReceiptScheduler.REPORT_WINDOW, Duration.ofMillis(500),
                Duration.ofMinutes(10));
    }

    /** Starts listening on the configured port; call it last in the subclass constructor. */
    protected final void listen(SimCodec codec, Supplier<T> newSession) {
        this.server = SimServer.listen(name, config.port(), channel -> {
            T session = newSession.get();
            channel.pipeline()
                    .addLast("frame", codec.frameDecoder().apply(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH))
                    .addLast("decoder", codec.decoder().get())
                    .addLast("encoder", codec.encoder().get())
                    .addLast("session", session);
            sessions.add(session);
            channel.closeFuture().addListener(f -> sessions.remove(session));
        });
        LoggerFactory.getLogger(getClass()).info("{} simulator listening on port {} with {}", protocol, port(), config);
    }

    public C config() {
        return config;
    }

    public int port() {
        return server.port();
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
        return loggedIn().size();
    }

    /**
     * The most sessions logged in at the same time (the simulator has one account), counting a session from its
     * accepted login until its connection is closed: what a carrier's connection limit per account counts.
     */
    public int peakLoggedInSessions() {
        return peakLoggedIn.get();
    }

    /** A session's login was accepted: the peak may have grown. */
    void loginAccepted() {
        int now = loggedIn().size();
        peakLoggedIn.accumulateAndGet(now, Math::max);
    }

    public int pendingReceipts() {
        return receipts.pending();
    }

    /** Closes every connection without a protocol goodbye, as a crash or a cut line would. */
    public void dropConnections() {
        log.info("{}: dropping all connections", name);
        server.dropAll();
    }

    /** While true submits get no answer; held answers go out on resume (those whose connection is gone never). */
    public void stallResponses(boolean stall) {
        held.stall(stall);
    }

    /** From now on, send an intermediate report (ACCEPTD) before each final one, as many real gateways do. */
    public void intermediateStates(boolean value) {
        intermediateStates = value;
    }

    protected boolean intermediateStates() {
        return intermediateStates;
    }

    /** From now on, send each status report before its submit answer (or, with false, after the receipt delay). */
    public void reportBeforeResponse(boolean value) {
        reportFirst = value;
    }

    /** Submit answers held back by {@link #stallResponses(boolean)}. */
    public int heldResponses() {
        return held.held();
    }

    /** A well-framed request whose body is cut short: the SP should answer it with an error and carry on. */
    public void sendMalformedFrame() {
        loggedIn().forEach(session -> session.channel().writeAndFlush(malformedFrame(session)));
    }

    /** A length field below the header size: the SP cannot frame the stream any more and must reconnect. */
    public void sendCorruptFrame() {
        loggedIn().forEach(session -> session.channel().writeAndFlush(Unpooled.buffer(12).writeInt(3).writeZero(8)));
    }

    protected abstract ByteBuf malformedFrame(T session);

    /**
     * A frame for {@link #malformedFrame}: its length, the header fields that follow it ({@code header}, 4 octets
     * each) and five zero octets where a body much longer should be.
     */
    protected static ByteBuf cutShort(long... header) {
        int length = 4 + 4 * header.length + 5;
        ByteBuf frame = Unpooled.buffer(length).writeInt(length);
        for (long field : header) {
            frame.writeInt((int) field);
        }
        return frame.writeZero(5);
    }

    /**
     * Sends a handset's message to the SP (UCS2, with UDH parts beyond 70 characters) and waits for its answer.
     *
     * @throws IllegalStateException when the SP cannot be reached or did not answer 0
     */
    public abstract void injectMo(String from, String to, String text);

    @Override
    public void close() {
        held.stall(false);
        int port = server.port();
        server.close();
        receipts.close();
        log.info("{} on port {} stopped: {}", name, port, counters);
    }

    // --- for the protocol's sessions and receipt jobs

    public boolean reportFirst() {
        return reportFirst;
    }

    public int maxWindow() {
        return behaviour.maxWindow();
    }

    /** True while an injected flow-control spell refuses this submit. */
    public boolean flowControlled() {
        return flowControl.refuse();
    }

    public boolean admit() {
        return limiter.tryAcquire();
    }

    public HeldResponses held() {
        return held;
    }

    public DeliveryOutcome nextOutcome() {
        return outcomes.next();
    }

    /** Logs an answered submit and schedules its reports after the receipt delay. */
    public void accepted(AcceptedSubmit submit, List<? extends ReceiptJob> reports) {
        counters.submitsAccepted.incrementAndGet();
        submit.destinations().forEach(handset ->
                stats.submitted(statsKey(), HandsetPart.of(handset, submit.text(), submit.number(), submit.total())));
        submitLog.add(submit);
        reports.forEach(job -> receipts.schedule(job, behaviour.receiptDelay()));
    }

    private String statsKey() {
        return protocol.toLowerCase(Locale.ROOT);
    }

    protected List<T> loggedIn() {
        return sessions.stream().filter(SimSession::loggedIn).toList();
    }

    protected Optional<T> anyLoggedIn() {
        return loggedIn().stream().findFirst();
    }

    /** Sends a request on the first logged-in session; true when the SP answered it with 0. */
    protected boolean sendOnAnySession(Function<T, CompletableFuture<Long>> request) {
        Optional<T> session = anyLoggedIn();
        if (session.isEmpty()) {
            return false;
        }
        try {
            return await(request.apply(session.get())) == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Sends a handset's message (UCS2, with UDH parts beyond 70 characters) part by part; {@code sendPart}
     * returns the SP's answer code, which the protocol calls {@code codeName}.
     *
     * @throws IllegalStateException when the SP did not answer a part with 0
     */
    protected final void injectMoParts(String text, String codeName, ToLongFunction<MessageContent> sendPart) {
        for (MessageContent content : MoParts.of(text)) {
            long code = sendPart.applyAsLong(content);
            if (code != 0) {
                throw new IllegalStateException("the SP answered the MO with " + codeName + " " + code);
            }
            counters.moSent();
        }
    }

    /**
     * {@link #injectMoParts} over the first logged-in session: {@code deliverPart} writes one part there.
     *
     * @throws IllegalStateException when nobody is logged in or the SP did not answer a part with 0
     */
    protected final void injectMoOnAnySession(String text, String codeName,
                                              BiFunction<T, MessageContent, CompletableFuture<Long>> deliverPart) {
        T session = anyLoggedIn().orElseThrow(() -> new IllegalStateException("no SP is logged in to receive the MO"));
        injectMoParts(text, codeName, content -> await(deliverPart.apply(session, content)));
    }

    /** The SP's answer to a request we sent, within 5 s. */
    protected static long await(CompletableFuture<Long> answer) {
        return AnswerWaiters.await(answer);
    }
}
