package org.sms1069.carriersim.cmpp;

import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.ReportJob;
import org.sms1069.carriersim.netty.SimServerSession;
import org.sms1069.wire.cmpp.CmppActiveTest;
import org.sms1069.wire.cmpp.CmppActiveTestResp;
import org.sms1069.wire.cmpp.CmppAuthenticator;
import org.sms1069.wire.cmpp.CmppCommandIds;
import org.sms1069.wire.cmpp.CmppConnect;
import org.sms1069.wire.cmpp.CmppConnectResp;
import org.sms1069.wire.cmpp.CmppDecoder;
import org.sms1069.wire.cmpp.CmppDeliver;
import org.sms1069.wire.cmpp.CmppDeliverResp;
import org.sms1069.wire.cmpp.CmppEncoder;
import org.sms1069.wire.cmpp.CmppMsgIds;
import org.sms1069.wire.cmpp.CmppReport;
import org.sms1069.wire.cmpp.CmppResultCodes;
import org.sms1069.wire.cmpp.CmppSubmit;
import org.sms1069.wire.cmpp.CmppSubmitResp;
import org.sms1069.wire.cmpp.CmppTerminate;
import org.sms1069.wire.cmpp.CmppTerminateResp;
import org.sms1069.wire.cmpp.CmppVersion;
import org.sms1069.wire.codec.MalformedPdu;
import org.sms1069.wire.codec.Octets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ISMG side of one SP connection: checks the CONNECT, answers SUBMITs (throttled, held back or with the
 * report first as the simulator is set), sends DELIVERs and waits for their answers.
 */
final class CmppServerSession extends SimServerSession<Long, ReportJob<CmppReport>, CmppConnect> {
    private static final int STATUS_BAD_SOURCE = 2;
    private static final int STATUS_AUTH_FAILED = 3;
    private static final long STRUCTURE_ERROR = 1;

    private final CmppSimulator simulator;
    private volatile CmppVersion version = CmppVersion.V30;

    CmppServerSession(CmppSimulator simulator) {
        super(simulator, "CMPP", CmppConnect.class);
        this.simulator = simulator;
    }

    CmppVersion version() {
        return version;
    }

    @Override
    protected void readLoggedIn(Object msg) {
        if (msg instanceof CmppSubmit submit) {
            submit(submit);
        } else if (msg instanceof CmppDeliverResp resp) {
            answered(resp.sequenceId(), resp.result());
        } else if (msg instanceof CmppActiveTest test) {
            channel().writeAndFlush(new CmppActiveTestResp(test.sequenceId()));
        } else if (msg instanceof CmppTerminate terminate) {
            answerAndClose(new CmppTerminateResp(terminate.sequenceId()));
        } else if (msg instanceof MalformedPdu<?> malformed && malformed.commandId() == CmppCommandIds.SUBMIT) {
            refuseMalformed(new CmppSubmitResp((Long) malformed.sequence(), 0, STRUCTURE_ERROR));
        }
    }

    @Override
    protected void login(CmppConnect connect) {
        CmppSimulatorConfig config = simulator.config();
        long status = 0;
        if (!config.account().equals(connect.sourceAddr())) {
            status = STATUS_BAD_SOURCE;
        } else if (!CmppAuthenticator.source(config.account(), config.password(), connect.timestamp())
                .equals(connect.authenticatorSource())) {
            status = STATUS_AUTH_FAILED;
        }
        version = CmppVersion.of(connect.version());
        channel().pipeline().replace("decoder", "decoder", new CmppDecoder(version));
        channel().pipeline().replace("encoder", "encoder", new CmppEncoder(version));
        Octets refused = simulator.quirks().refuseWithoutAuthenticator() ? Octets.EMPTY : Octets.of(new byte[16]);
        Octets ismg = status == 0 ? CmppAuthenticator.ismg(0, connect.authenticatorSource(), config.password(), version)
                : refused;
        answerLogin(new CmppConnectResp(connect.sequenceId(), status, ismg, version.code()), status, connect.sourceAddr());
    }

    private void submit(CmppSubmit submit) {
        if (throttled()) {
            channel().writeAndFlush(new CmppSubmitResp(submit.sequenceId(), 0, CmppResultCodes.FLOW_CONTROL));
            return;
        }
        int recipients = submit.destTerminalIds().size();
        if (simulator.quirks().strictDestUsr() && recipients > CmppQuirks.STRICT_MAX_RECIPIENTS) {
            channel().writeAndFlush(new CmppSubmitResp(submit.sequenceId(), 0, STRUCTURE_ERROR));
            return;
        }
        long msgId = simulator.msgIds().next(Math.max(1, recipients));
        List<String> ids = new ArrayList<>(recipients);
        for (int i = 0; i < recipients; i++) {
            ids.add(CmppMsgIds.toDecimal(msgId + i));
        }
        AcceptedSubmit accepted = AcceptedSubmit.of("CMPP" + (version == CmppVersion.V30 ? "30" : "20"),
                simulator.config().account(), submit.srcId(), submit.destTerminalIds(), submit.serviceId(),
                submit.content(), submit.registeredDelivery(), submit.pkTotal(), submit.pkNumber(), ids,
                version == CmppVersion.V30 ? submit.linkId() : "");
        answerLater(() -> answerSubmit(new CmppSubmitResp(submit.sequenceId(), msgId, 0), accepted,
                submit.registeredDelivery() != 0 ? simulator.reportsFor(accepted, msgId) : List.of()));
    }

    @Override
    protected CmppDeliver reportPdu(ReportJob<CmppReport> job) {
        return CmppDeliver.ofReport(nextSequence(), simulator.msgIds().next(1), job.spNumber(), "", job.report(), version);
    }

    /** Writes a DELIVER; completes with the SP's result (0 = OK). */
    CompletableFuture<Long> deliver(CmppDeliver deliver) {
        return request(deliver.sequenceId(), deliver);
    }
}
