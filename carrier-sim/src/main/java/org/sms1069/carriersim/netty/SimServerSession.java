package org.sms1069.carriersim.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.carriersim.receipt.ReceiptJob;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway side of one SP connection, protocol-independent: login bookkeeping, the submit window and TPS
 * check, held answers, reports before the submit answer, and the requests the simulator sends (DELIVER,
 * REPORT) waiting for their answers. A protocol checks its login, reads its other PDUs and builds its answers.
 *
 * @param <K> the protocol's sequence type
 * @param <J> the protocol's receipt job
 * @param <L> the protocol's login request
 */
public abstract class SimServerSession<K, J extends ReceiptJob, L> extends ChannelInboundHandlerAdapter
        implements SimSession {
    private static final Logger log = LoggerFactory.getLogger(SimServerSession.class);

    private final NettySimulator<?, ?> simulator;
    private final String protocol;
    private final Class<L> loginRequest;
    private final AnswerWaiters<K> answers = new AnswerWaiters<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicLong sequences = new AtomicLong();
    private volatile boolean loggedIn;
    private Channel channel;

    protected SimServerSession(NettySimulator<?, ?> simulator, String protocol, Class<L> loginRequest) {
        this.simulator = simulator;
        this.protocol = protocol;
        this.loginRequest = loginRequest;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public boolean loggedIn() {
        return loggedIn && channel.isActive();
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (loginRequest.isInstance(msg)) {
            login(loginRequest.cast(msg));
        } else if (!loggedIn) {
            ctx.close(); // anything before a successful login
        } else {
            readLoggedIn(msg);
        }
    }

    /** Checks the login request and answers it with {@link #answerLogin}. */
    protected abstract void login(L request);

    /** Any other PDU, once logged in. */
    protected abstract void readLoggedIn(Object msg);

    @Override
    public Channel channel() {
        return channel;
    }

    public long nextSequence() {
        return sequences.incrementAndGet() & 0xFFFF_FFFFL;
    }

    /** Writes the login answer; a refused login is counted, logged and the connection closed after the answer. */
    protected void answerLogin(Object response, long status, String account) {
        var written = channel.writeAndFlush(response);
        if (status == 0) {
            loggedIn = true;
            simulator.counters().loginsAccepted.incrementAndGet();
            simulator.loginAccepted();
        } else {
            simulator.counters().loginsRejected.incrementAndGet();
            log.info("{} login of '{}' refused with status {}", protocol, account, status);
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** True (and counted) when this submit is over the window or the rate: answer it with flow control. */
    protected boolean throttled() {
        if (unanswered.get() >= simulator.maxWindow() || simulator.flowControlled() || !simulator.admit()) {
            simulator.counters().submitsThrottled.incrementAndGet();
            return true;
        }
        return false;
    }

    /** Takes a window slot and answers now, or when a stalled simulator resumes, on the event loop. */
    protected void answerLater(Runnable answer) {
        unanswered.incrementAndGet();
        simulator.held().runOrHold(() -> channel.eventLoop().execute(answer));
    }

    /**
     * Answers a submit taken by {@link #answerLater}: reports first if the simulator is set so, then the
     * response; the submit counts as reaching the handsets only once its answer was written.
     */
    protected void answerSubmit(Object response, AcceptedSubmit accepted, List<J> reports) {
        if (!channel.isActive()) {
            unanswered.decrementAndGet(); // lost with its connection: never reached the handset
            return;
        }
        if (simulator.reportFirst() && !reports.isEmpty()) {
            sendReportsFirst(reports).whenComplete((done, error) ->
                    channel.eventLoop().execute(() -> writeAnswer(response, accepted, List.of())));
        } else {
            writeAnswer(response, accepted, reports);
        }
    }

    /** Sends the reports ahead of the submit answer; by default on this connection, without waiting. */
    protected CompletableFuture<?> sendReportsFirst(List<J> reports) {
        reports.forEach(job -> channel.write(reportPdu(job)));
        simulator.counters().receiptsSent(reports.size());
        return CompletableFuture.completedFuture(null);
    }

    private void writeAnswer(Object response, AcceptedSubmit accepted, List<J> reports) {
        channel.writeAndFlush(response).addListener(written -> {
            unanswered.decrementAndGet();
            if (written.isSuccess()) {
                simulator.accepted(accepted, reports);
            }
        });
    }

    /** The report of one job as a request on this connection. */
    protected abstract Object reportPdu(J job);

    /** Sends a request to the SP; completes with its result code (0 = OK). */
    public CompletableFuture<Long> request(K sequence, Object pdu) {
        return answers.send(channel, sequence, pdu);
    }

    protected void answered(K sequence, long result) {
        answers.complete(sequence, result);
    }

    /** Counts a submit that could not be read and answers it with {@code response}, an error. */
    protected void refuseMalformed(Object response) {
        simulator.counters().submitsMalformed.incrementAndGet();
        channel.writeAndFlush(response);
    }

    /** Answers the SP's goodbye and closes the connection once the answer is written. */
    protected void answerAndClose(Object response) {
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        loggedIn = false;
        answers.failAll();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("{} simulator connection error, closing: {}", protocol, cause.toString());
        ctx.close();
    }
}
