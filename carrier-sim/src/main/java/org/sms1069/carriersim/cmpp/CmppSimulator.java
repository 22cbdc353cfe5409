package org.sms1069.carriersim.cmpp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.MoParts;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.ReportJob;
import org.sms1069.gateway.cmpp.CmppCommandIds;
import org.sms1069.gateway.cmpp.CmppDecoder;
import org.sms1069.gateway.cmpp.CmppDeliver;
import org.sms1069.gateway.cmpp.CmppEncoder;
import org.sms1069.gateway.cmpp.CmppReport;
import org.sms1069.gateway.cmpp.CmppVersion;
import org.sms1069.gateway.codec.MessageContent;
import org.sms1069.gateway.codec.PduFrameDecoder;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated CMPP 2.0/3.0 ISMG on a TCP port: checks CONNECT authenticators, answers SUBMITs within a
 * window and a TPS limit (result 8 beyond them), sends status reports after a delay with a configurable
 * outcome mix, delivers injected MO, and lets tests disturb it (drop connections, stall answers, send a
 * malformed or corrupt frame). Plain Java; close it when done.
 */
public final class CmppSimulator extends NettySimulator<CmppServerSession> {
    private static final Logger log = LoggerFactory.getLogger(CmppSimulator.class);
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final CmppSimulatorConfig config;
    private final CmppMsgIdSource msgIds;

    private CmppSimulator(CmppSimulatorConfig config) {
        super("cmpp-sim", config.behaviour());
        this.config = config;
        this.msgIds = new CmppMsgIdSource(config.gatewayId());
        listen(config.port(), channel -> {
            CmppServerSession session = new CmppServerSession(this);
            channel.pipeline()
                    .addLast("frame", CmppDecoder.frameDecoder(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH))
                    .addLast("decoder", new CmppDecoder(CmppVersion.V30)) // CONNECT reads alike; replaced after it
                    .addLast("encoder", new CmppEncoder(CmppVersion.V30))
                    .addLast("session", session);
            return session;
        });
    }

    public static CmppSimulator start(CmppSimulatorConfig config) {
        CmppSimulator simulator = new CmppSimulator(config);
        log.info("CMPP simulator listening on port {} with {}", simulator.port(), config);
        return simulator;
    }

    public CmppSimulatorConfig config() {
        return config;
    }

    @Override
    protected ByteBuf malformedFrame(CmppServerSession session) {
        return Unpooled.buffer(17).writeInt(17).writeInt((int) CmppCommandIds.DELIVER)
                .writeInt((int) session.nextSequence()).writeZero(5);
    }

    /**
     * Sends a handset's message (UCS2, with UDH parts beyond 70 characters) to a logged-in SP and waits for
     * its DELIVER_RESP.
     *
     * @throws IllegalStateException when nobody is logged in or the SP did not answer 0
     */
    public void injectMo(String from, String to, String text) {
        CmppServerSession session = anyLoggedIn()
                .orElseThrow(() -> new IllegalStateException("no SP is logged in to receive the MO"));
        for (MessageContent content : MoParts.of(text)) {
            CmppDeliver deliver = new CmppDeliver(session.nextSequence(), msgIds.next(1), to, "", 0, from, 0, 0, content, "");
            long result = await(session.deliver(deliver));
            if (result != 0) {
                throw new IllegalStateException("the SP answered the MO with result " + result);
            }
            counters().mosSent.incrementAndGet();
        }
    }

    // --- used by the sessions and receipt jobs

    CmppMsgIdSource msgIds() {
        return msgIds;
    }

    /** One report job per recipient; Msg_Id X + i for recipient i. */
    List<ReportJob<CmppReport>> reportsFor(AcceptedSubmit submit, long msgId) {
        String now = ZonedDateTime.now(ZONE).format(REPORT_TIME);
        List<ReportJob<CmppReport>> jobs = new ArrayList<>();
        for (int i = 0; i < submit.destinations().size(); i++) {
            long id = msgId + i;
            String handset = submit.destinations().get(i);
            CmppReport report = new CmppReport(id, nextOutcome().stat(), now, now, handset, id & 0xFFFF);
            jobs.add(new ReportJob<>(report, handset, submit.sourceAddr(), this::deliverReport, counters()));
        }
        return jobs;
    }

    private boolean deliverReport(ReportJob<CmppReport> job) {
        return sendOnAnySession(session -> session.deliver(session.reportPdu(job)));
    }
}
