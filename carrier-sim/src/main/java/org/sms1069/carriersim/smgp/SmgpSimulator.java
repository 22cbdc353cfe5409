package org.sms1069.carriersim.smgp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.MoParts;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.ReportJob;
import org.sms1069.carriersim.receipt.DeliveryOutcome;
import org.sms1069.gateway.codec.MessageContent;
import org.sms1069.gateway.codec.PduFrameDecoder;
import org.sms1069.gateway.smgp.SmgpCommandIds;
import org.sms1069.gateway.smgp.SmgpDecoder;
import org.sms1069.gateway.smgp.SmgpDeliver;
import org.sms1069.gateway.smgp.SmgpEncoder;
import org.sms1069.gateway.smgp.SmgpMsgId;
import org.sms1069.gateway.smgp.SmgpReport;
import org.sms1069.gateway.smgp.SmgpTlvs;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated SMGP 3.0 SMGW on a TCP port: checks Login authenticators (status 21 when wrong), answers Submits
 * within a window and a TPS limit (status 1 "system busy" beyond them), sends status reports as Deliver with
 * IsReport 1 and the 122-byte text report after a delay with a configurable outcome mix, delivers injected
 * MO, and lets tests disturb it (drop connections, stall answers, malformed or corrupt frames). Plain Java.
 */
public final class SmgpSimulator extends NettySimulator<SmgpServerSession> {
    private static final Logger log = LoggerFactory.getLogger(SmgpSimulator.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final DateTimeFormatter RECV_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String ONE = "001";

    private final SmgpSimulatorConfig config;
    private final SmgpMsgIdSource msgIds;

    private SmgpSimulator(SmgpSimulatorConfig config) {
        super("smgp-sim", config.behaviour());
        this.config = config;
        this.msgIds = new SmgpMsgIdSource(config.gatewayCode());
        listen(config.port(), channel -> {
            SmgpServerSession session = new SmgpServerSession(this);
            channel.pipeline()
                    .addLast("frame", SmgpDecoder.frameDecoder(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH))
                    .addLast("decoder", new SmgpDecoder())
                    .addLast("encoder", new SmgpEncoder())
                    .addLast("session", session);
            return session;
        });
    }

    public static SmgpSimulator start(SmgpSimulatorConfig config) {
        SmgpSimulator simulator = new SmgpSimulator(config);
        log.info("SMGP simulator listening on port {} with {}", simulator.port(), config);
        return simulator;
    }

    public SmgpSimulatorConfig config() {
        return config;
    }

    @Override
    protected ByteBuf malformedFrame(SmgpServerSession session) {
        return Unpooled.buffer(17).writeInt(17).writeInt((int) SmgpCommandIds.DELIVER)
                .writeInt((int) session.nextSequence()).writeZero(5);
    }

    /**
     * Sends a handset's message (UCS2, with UDH parts beyond 70 characters) to a logged-in SP and waits for
     * its Deliver_Resp.
     *
     * @throws IllegalStateException when nobody is logged in or the SP did not answer 0
     */
    public void injectMo(String from, String to, String text) {
        SmgpServerSession session = anyLoggedIn()
                .orElseThrow(() -> new IllegalStateException("no SP is logged in to receive the MO"));
        for (MessageContent content : MoParts.of(text)) {
            SmgpDeliver deliver = new SmgpDeliver(session.nextSequence(), msgIds.next(), 0, recvTime(), from, to,
                    content, SmgpTlvs.EMPTY);
            long result = await(session.deliver(deliver));
            if (result != 0) {
                throw new IllegalStateException("the SP answered the MO with status " + result);
            }
            counters().mosSent.incrementAndGet();
        }
    }

    static String recvTime() {
        return ZonedDateTime.now(ZONE).format(RECV_TIME);
    }

    // --- used by the sessions

    SmgpMsgIdSource msgIds() {
        return msgIds;
    }

    /** One report per recipient, all with the MsgID of the Submit_Resp. */
    List<ReportJob<SmgpReport>> reportsFor(AcceptedSubmit submit, SmgpMsgId msgId) {
        String now = ZonedDateTime.now(ZONE).format(REPORT_TIME);
        List<ReportJob<SmgpReport>> jobs = new ArrayList<>();
        for (String handset : submit.destinations()) {
            DeliveryOutcome outcome = nextOutcome();
            SmgpReport report = new SmgpReport(msgId, ONE, ONE, now, now, outcome.stat(), outcome.error());
            jobs.add(new ReportJob<>(report, handset, submit.sourceAddr(), this::deliverReport, counters()));
        }
        return jobs;
    }

    private boolean deliverReport(ReportJob<SmgpReport> job) {
        return sendOnAnySession(session -> session.deliver(session.reportPdu(job)));
    }
}
