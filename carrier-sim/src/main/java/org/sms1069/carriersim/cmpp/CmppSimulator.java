package org.sms1069.carriersim.cmpp;

import io.netty.buffer.ByteBuf;
import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.OnDemandSimulator;
import org.sms1069.carriersim.netty.ReportJob;
import org.sms1069.carriersim.netty.SimCodec;
import org.sms1069.carriersim.stats.SimStats;
import org.sms1069.wire.cmpp.CmppCommandIds;
import org.sms1069.wire.cmpp.CmppDecoder;
import org.sms1069.wire.cmpp.CmppDeliver;
import org.sms1069.wire.cmpp.CmppEncoder;
import org.sms1069.wire.cmpp.CmppReport;
import org.sms1069.wire.cmpp.CmppVersion;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated CMPP 2.0/3.0 ISMG on a TCP port: checks CONNECT authenticators, answers SUBMITs within a
 * window and a TPS limit (result 8 beyond them), sends status reports after a delay with a configurable
 * outcome mix, delivers injected MO (on-demand ones with a LinkID), and lets tests disturb it (drop connections, stall answers, send a
 * malformed or corrupt frame). Plain Java; close it when done.
 */
public final class CmppSimulator extends OnDemandSimulator<CmppServerSession, CmppSimulatorConfig> {
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final CmppMsgIdSource msgIds;
    private volatile CmppQuirks quirks = CmppQuirks.NONE;

    private CmppSimulator(CmppSimulatorConfig config, SimStats stats, FlowControlFault flowControl) {
        super("CMPP", config, stats, flowControl);
        this.msgIds = new CmppMsgIdSource(config.gatewayId());
        // CONNECT reads alike in both versions; the session switches to the SP's version after it
        listen(new SimCodec(CmppDecoder::frameDecoder, () -> new CmppDecoder(CmppVersion.V30),
                () -> new CmppEncoder(CmppVersion.V30)), () -> new CmppServerSession(this));
    }

    /** A simulator on its own: statistics of its own, no flow-control fault. */
    public static CmppSimulator start(CmppSimulatorConfig config) {
        return start(config, new SimStats(), new FlowControlFault());
    }

    /** A simulator counting in {@code stats} and refusing submits by {@code flowControl}, both shared by all simulators. */
    public static CmppSimulator start(CmppSimulatorConfig config, SimStats stats, FlowControlFault flowControl) {
        return new CmppSimulator(config, stats, flowControl);
    }

    @Override
    protected ByteBuf malformedFrame(CmppServerSession session) {
        return cutShort(CmppCommandIds.DELIVER, session.nextSequence());
    }

    /** As {@link #injectMo(String, String, String)}, each DELIVER with {@code linkId} (3.0; 2.0 has Reserved there). */
    @Override
    public void injectMo(String from, String to, String text, String linkId) {
        injectMoOnAnySession(text, "result", (session, content) -> session.deliver(new CmppDeliver(session.nextSequence(),
                msgIds.next(1), to, "", 0, from, 0, 0, content, session.version() == CmppVersion.V30 ? linkId : "")));
    }

    /** From now on, behave as {@code value} says. */
    public void quirks(CmppQuirks value) {
        quirks = value;
    }

    public CmppQuirks quirks() {
        return quirks;
    }

    // --- used by the sessions and receipt jobs

    CmppMsgIdSource msgIds() {
        return msgIds;
    }

    /**
     * One report job per recipient; Msg_Id X + i for recipient i (X for all with {@link CmppQuirks#oneIdForGroup()}),
     * each after an ACCEPTD report while {@link #intermediateStates(boolean)} is on.
     */
    List<ReportJob<CmppReport>> reportsFor(AcceptedSubmit submit, long msgId) {
        CmppQuirks now = quirks;
        String time = ZonedDateTime.now(ZONE).format(REPORT_TIME);
        List<ReportJob<CmppReport>> jobs = new ArrayList<>();
        for (int i = 0; i < submit.destinations().size(); i++) {
            long id = now.oneIdForGroup() ? msgId : msgId + i;
            String handset = submit.destinations().get(i);
            if (intermediateStates()) {
                jobs.add(job(new CmppReport(id, "ACCEPTD", time, time, handset, id & 0xFFFF), handset, submit));
            }
            jobs.add(job(new CmppReport(id, nextOutcome().stat(), time, time, handset, id & 0xFFFF), handset, submit));
        }
        return jobs;
    }

    private ReportJob<CmppReport> job(CmppReport report, String handset, AcceptedSubmit submit) {
        return new ReportJob<>(report, handset, submit.sourceAddr(), this::deliverReport, counters());
    }

    private boolean deliverReport(ReportJob<CmppReport> job) {
        return sendOnAnySession(session -> session.deliver(session.reportPdu(job)));
    }
}
