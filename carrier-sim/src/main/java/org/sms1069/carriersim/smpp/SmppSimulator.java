package org.sms1069.carriersim.smpp;

import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.log.SubmitLog;
import org.sms1069.carriersim.stats.SimStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.sms1069.carriersim.receipt.OutcomeMix;
import org.sms1069.carriersim.receipt.ReceiptScheduler;
import org.sms1069.carriersim.throttle.TpsLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated SMPP 3.4 SMSC on a TCP port: accepts binds, answers submit_sm, sends delivery
 * receipts and injected MO, and lets tests observe and disturb it. Plain Java; close it when done.
 *
 * <pre>{@code
 * try (SmppSimulator smsc = SmppSimulator.start(SmppSimulatorConfig.builder().build())) {
 *     // bind to localhost:smsc.port() as "sim" / "sim-pass"
 *     List<ReceivedSubmit> submits = smsc.awaitSubmits(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class SmppSimulator implements AutoCloseable {
    /** How this simulator is named in {@link SimStats}. */
    static final String PROTOCOL = "smpp";
    private static final Logger log = LoggerFactory.getLogger(SmppSimulator.class);
    /** Threads per session that run submit_sm; the rest of the window waits in jsmpp's queue. */
    private static final int PROCESSOR_THREADS_PER_SESSION = 3;
    private static final int ACCEPT_BACKLOG = 50;
    private static final Duration RECEIPT_RETRY_INTERVAL = Duration.ofMillis(500);
    private static final Duration RECEIPT_MAX_HOLD = Duration.ofMinutes(10);
    private static final Duration ACCEPT_RETRY_PAUSE = Duration.ofMillis(100);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SmppSimulatorConfig config;
    private final String name = "smpp-sim-" + INSTANCES.incrementAndGet();
    private final SmppCounters counters;
    private final SmppSessionRegistry registry = new SmppSessionRegistry();
    private final SubmitLog<ReceivedSubmit> submitLog = new SubmitLog<>(SubmitLog.DEFAULT_CAPACITY);
    private final ResponseGate gate = new ResponseGate();
    private final ReceiptScheduler receiptScheduler;
    private final MoSender moSender;
    private final SMPPServerSessionListener listener;
    private final int port;
    private final ExecutorService bindExecutor;
    private final Thread acceptThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<SmppQuirks> quirks = new AtomicReference<>(SmppQuirks.NONE);

    private SmppSimulator(SmppSimulatorConfig config, SimStats stats, FlowControlFault flowControl) throws IOException {
        this.config = config;
        this.counters = new SmppCounters(stats);
        Clock clock = Clock.systemUTC();
        this.receiptScheduler = new ReceiptScheduler(name, ReceiptScheduler.REPORT_WINDOW, RECEIPT_RETRY_INTERVAL, RECEIPT_MAX_HOLD);
        DeliverSmSender deliverSender = new DeliverSmSender(registry);
        this.moSender = new MoSender(deliverSender, counters, config.systemId(), quirks::get);
        SmppReceiptIssuer receipts = new SmppReceiptIssuer(new OutcomeMix(config.outcomes(), config.seed()),
                receiptScheduler, deliverSender, counters, config.receiptDelay(), clock, quirks::get);
        SubmitSmHandler submitHandler = new SubmitSmHandler(registry, gate, flowControl, new TpsLimiter(config.tps()),
                new MessageIdGenerator(config.messageIdFormat(), config.seed()), submitLog, counters, stats, receipts, clock);

        ServerSocket serverSocket = bindServerSocket(config.port());
        this.port = serverSocket.getLocalPort();
        this.listener = new SMPPServerSessionListener(port, new PreboundServerConnectionFactory(serverSocket));
        int processorThreads = Math.min(PROCESSOR_THREADS_PER_SESSION, config.maxWindow());
        listener.setPduProcessorDegree(processorThreads);
        listener.setQueueCapacity(Math.max(1, config.maxWindow() - processorThreads));
        listener.setMessageReceiverListener(submitHandler);
        listener.setResponseDeliveryListener(submitHandler);
        listener.setSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && source instanceof SMPPServerSession session) {
                registry.closed(session);
            }
        });

        BindHandler bindHandler = new BindHandler(config, registry, counters);
        AtomicInteger bindThreads = new AtomicInteger();
        this.bindExecutor = Executors.newCachedThreadPool(runnable -> daemon(runnable, name + "-bind-" + bindThreads.incrementAndGet()));
        this.acceptThread = daemon(() -> acceptLoop(bindHandler), name + "-accept");
    }

    /** Binds the port and starts accepting connections; statistics of its own, no flow-control fault. */
    public static SmppSimulator start(SmppSimulatorConfig config) {
        return start(config, new SimStats(), new FlowControlFault());
    }

    /** As {@link #start(SmppSimulatorConfig)}, counting in {@code stats} and refusing submits by {@code flowControl}, both shared by all simulators. */
    public static SmppSimulator start(SmppSimulatorConfig config, SimStats stats, FlowControlFault flowControl) {
        try {
            SmppSimulator simulator = new SmppSimulator(config, stats, flowControl);
            simulator.acceptThread.start();
            log.info("SMPP simulator listening on port {} with {}", simulator.port, config);
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("SMPP simulator could not listen on port " + config.port(), e);
        }
    }

    /** The port actually bound, also when the configuration asked for 0. */
    public int port() {
        return port;
    }

    public SmppSimulatorConfig config() {
        return config;
    }

    /** Accepted submits in arrival order (the most recent 100 000). */
    public List<ReceivedSubmit> submits() {
        return submitLog.snapshot();
    }

    /**
     * Waits until at least {@code count} submits were accepted since start or {@link #clearSubmits()}.
     *
     * @throws AssertionError when they do not arrive in time
     */
    public List<ReceivedSubmit> awaitSubmits(int count, Duration timeout) {
        return submitLog.awaitAtLeast(count, timeout);
    }

    public void clearSubmits() {
        submitLog.clear();
    }

    public SmppCounters counters() {
        return counters;
    }

    public int boundSessions() {
        return registry.boundSessions();
    }

    /** Receipts scheduled and not yet delivered (waiting for their delay or for a receiver). */
    public int pendingReceipts() {
        return receiptScheduler.pending();
    }

    /**
     * Sends a handset's message to a bound receiver as UCS2 deliver_sm (esm_class 0x00; split with
     * a UDH when longer than 70 characters) and waits for the platform's answer.
     *
     * @throws IllegalStateException when no receiver is bound or the platform refused it
     */
    public void injectMo(String from, String to, String text) {
        moSender.send(from, to, text);
    }

    /** From now on, send receipts and MO as {@code value} says. */
    public void quirks(SmppQuirks value) {
        quirks.set(value);
    }

    /** Closes every connection without unbind, as a carrier crash or cut link would. */
    public void dropConnections() {
        log.info("Dropping all SMPP connections of {}", name);
        registry.closeAll();
    }

    /** While true, submit_sm gets no answer; answers held back are sent when it turns false. */
    public void stallResponses(boolean stall) {
        log.info("{} submit responses of {}", stall ? "Stalling" : "Resuming", name);
        gate.stall(stall);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        gate.close();
        try {
            listener.close();
        } catch (IOException e) {
            log.warn("Closing the listening socket failed: {}", e.toString());
        }
        registry.closeAll();
        receiptScheduler.close();
        bindExecutor.shutdownNow();
        try {
            acceptThread.join(TimeUnit.SECONDS.toMillis(5));
            bindExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a bind that completed while closing may have registered a session late
        registry.closeAll();
        log.info("SMPP simulator on port {} stopped: {}", port, counters);
    }

    private void acceptLoop(BindHandler bindHandler) {
        while (!closed.get()) {
            try {
                SMPPServerSession session = listener.accept();
                registry.opened(session);
                if (closed.get()) {
                    session.close();
                    return;
                }
                bindExecutor.execute(() -> bindHandler.handle(session));
            } catch (IOException e) {
                if (!closed.get()) {
                    log.warn("Accepting a connection failed: {}", e.toString());
                    pauseAfterAcceptFailure();
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(ACCEPT_RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ServerSocket bindServerSocket(int port) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(port), ACCEPT_BACKLOG);
            return serverSocket;
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
    }

    private static Thread daemon(Runnable runnable, String threadName) {
        Thread thread = new Thread(runnable, threadName);
        thread.setDaemon(true);
        return thread;
    }
}
