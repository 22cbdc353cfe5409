package org.sms1069.carriersim.smgp;

import io.netty.buffer.ByteBuf;
import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.OnDemandSimulator;
import org.sms1069.carriersim.netty.ReportJob;
import org.sms1069.carriersim.netty.SimCodec;
import org.sms1069.carriersim.stats.SimStats;
import org.sms1069.carriersim.receipt.DeliveryOutcome;
import org.sms1069.wire.smgp.SmgpCommandIds;
import org.sms1069.wire.smgp.SmgpDecoder;
import org.sms1069.wire.smgp.SmgpDeliver;
import org.sms1069.wire.smgp.SmgpEncoder;
import org.sms1069.wire.smgp.SmgpMsgId;
import org.sms1069.wire.smgp.SmgpReport;
import org.sms1069.wire.smgp.SmgpTlvTags;
import org.sms1069.wire.smgp.SmgpTlvs;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated SMGP 3.0 SMGW on a TCP port: checks Login authenticators (status 21 when wrong), answers Submits
 * within a window and a TPS limit (status 1 "system busy" beyond them), sends status reports as Deliver with
 * IsReport 1 and the 122-byte text report after a delay with a configurable outcome mix, delivers injected
 * MO (on-demand ones with the LinkID TLV), and lets tests disturb it (drop connections, stall answers, malformed or corrupt frames). Plain Java.
 */
public final class SmgpSimulator extends OnDemandSimulator<SmgpServerSession, SmgpSimulatorConfig> {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final DateTimeFormatter RECV_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String ONE = "001";
    /** The LinkID TLV's value: 20 octets (reference §3.9). */
    private static final int LINK_ID_WIDTH = 20;

    private final SmgpMsgIdSource msgIds;

    private SmgpSimulator(SmgpSimulatorConfig config, SimStats stats, FlowControlFault flowControl) {
        super("SMGP", config, stats, flowControl);
        this.msgIds = new SmgpMsgIdSource(config.gatewayCode());
        listen(new SimCodec(SmgpDecoder::frameDecoder, SmgpDecoder::new, SmgpEncoder::new),
                () -> new SmgpServerSession(this));
    }

    /** A simulator on its own: statistics of its own, no flow-control fault. */
    public static SmgpSimulator start(SmgpSimulatorConfig config) {
        return start(config, new SimStats(), new FlowControlFault());
    }

    /** A simulator counting in {@code stats} and refusing submits by {@code flowControl}, both shared by all simulators. */
    public static SmgpSimulator start(SmgpSimulatorConfig config, SimStats stats, FlowControlFault flowControl) {
        return new SmgpSimulator(config, stats, flowControl);
    }

    @Override
    protected ByteBuf malformedFrame(SmgpServerSession session) {
        return cutShort(SmgpCommandIds.DELIVER, session.nextSequence());
    }

    /** As {@link #injectMo(String, String, String)}, each Deliver with the LinkID TLV ({@code linkId} "" for none). */
    @Override
    public void injectMo(String from, String to, String text, String linkId) {
        SmgpTlvs options = linkId.isEmpty() ? SmgpTlvs.EMPTY
                : SmgpTlvs.EMPTY.withString(SmgpTlvTags.LINK_ID, linkId, LINK_ID_WIDTH);
        injectMoOnAnySession(text, "status", (session, content) -> session.deliver(
                new SmgpDeliver(session.nextSequence(), msgIds.next(), 0, recvTime(), from, to, content, options)));
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
            if (intermediateStates()) {
                SmgpReport accepted = new SmgpReport(msgId, ONE, "000", now, now, "ACCEPTD", "000");
                jobs.add(new ReportJob<>(accepted, handset, submit.sourceAddr(), this::deliverReport, counters()));
            }
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
