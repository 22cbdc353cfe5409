package org.sms1069.carriersim.sgip;

import io.netty.buffer.ByteBuf;
import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.ReportJob;
import org.sms1069.carriersim.netty.SimCodec;
import org.sms1069.carriersim.stats.SimStats;
import org.sms1069.wire.sgip.SgipCommandIds;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipDeliver;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipSubmit;

import java.util.List;

/**
 * A simulated SGIP 1.2 SMG: accepts the SP's BIND (login type 1) and SUBMITs on its port (result 88 beyond
 * the window or rate), then connects back to the SP's own SGIP server (login type 2) to send one REPORT per
 * recipient after the receipt delay and injected MO as DELIVER, UNBINDing that connection when quiet. Test
 * hooks as for the other simulators (drop, stall, report before response, corrupt frame). Plain Java.
 */
public final class SgipSimulator extends NettySimulator<SgipServerSession, SgipSimulatorConfig> {
    private final SgipReportClient reports;

    private SgipSimulator(SgipSimulatorConfig config, SimStats stats, FlowControlFault flowControl) {
        super("SGIP", config, stats, flowControl);
        this.reports = new SgipReportClient(config);
        listen(new SimCodec(SgipDecoder::frameDecoder, SgipDecoder::new, SgipEncoder::new),
                () -> new SgipServerSession(this));
    }

    /** A simulator on its own: statistics of its own, no flow-control fault. */
    public static SgipSimulator start(SgipSimulatorConfig config) {
        return start(config, new SimStats(), new FlowControlFault());
    }

    /** A simulator counting in {@code stats} and refusing submits by {@code flowControl}, both shared by all simulators. */
    public static SgipSimulator start(SgipSimulatorConfig config, SimStats stats, FlowControlFault flowControl) {
        return new SgipSimulator(config, stats, flowControl);
    }

    /** A DELIVER cut short, on the SP's submit connection (where a liberal SP still answers it). */
    @Override
    protected ByteBuf malformedFrame(SgipServerSession session) {
        return cutShort(SgipCommandIds.DELIVER, config().nodeId(), 0, session.nextSequence());
    }

    /**
     * Sends a handset's message (UCS2, with UDH parts beyond 70 characters) to the SP's server as DELIVER and
     * waits for the DELIVER_RESP.
     *
     * @throws IllegalStateException when the SP's server cannot be reached or did not answer 0
     */
    @Override
    public void injectMo(String from, String to, String text) {
        injectMoParts(text, "result", content -> reports.send(sequence -> new SgipDeliver(sequence, from, to, 0, content)));
    }

    /** Also cuts the connection to the SP's server that carries the reports and MO. */
    @Override
    public void dropConnections() {
        super.dropConnections();
        reports.drop();
    }

    @Override
    public void close() {
        super.close();
        reports.close();
    }

    /** One REPORT per recipient, naming the SUBMIT's sequence. */
    List<ReportJob<SgipOutcome>> reportsFor(SgipSubmit submit) {
        return submit.userNumbers().stream().map(user -> new ReportJob<>(SgipOutcome.of(submit.sequence(), user, nextOutcome()),
                user, submit.spNumber(), this::deliverReport, counters())).toList();
    }

    private boolean deliverReport(ReportJob<SgipOutcome> job) {
        try {
            return reports.send(job.report()::report) == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
