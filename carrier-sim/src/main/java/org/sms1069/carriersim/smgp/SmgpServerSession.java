package org.sms1069.carriersim.smgp;

import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.ReportJob;
import org.sms1069.carriersim.netty.SimServerSession;
import org.sms1069.wire.codec.MalformedPdu;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.smgp.SmgpActiveTest;
import org.sms1069.wire.smgp.SmgpActiveTestResp;
import org.sms1069.wire.smgp.SmgpAuthenticator;
import org.sms1069.wire.smgp.SmgpCommandIds;
import org.sms1069.wire.smgp.SmgpDeliver;
import org.sms1069.wire.smgp.SmgpDeliverResp;
import org.sms1069.wire.smgp.SmgpExit;
import org.sms1069.wire.smgp.SmgpExitResp;
import org.sms1069.wire.smgp.SmgpLogin;
import org.sms1069.wire.smgp.SmgpLoginResp;
import org.sms1069.wire.smgp.SmgpMsgId;
import org.sms1069.wire.smgp.SmgpReport;
import org.sms1069.wire.smgp.SmgpResultCodes;
import org.sms1069.wire.smgp.SmgpSubmit;
import org.sms1069.wire.smgp.SmgpSubmitResp;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The SMGW side of one SP connection: checks the Login (any mode; reports and MO go to mode 1 and 2
 * connections alike here), answers Submits (status 1 "system busy" beyond the window or rate, held back or
 * with the report first as the simulator is set), sends Delivers and waits for their answers.
 */
final class SmgpServerSession extends SimServerSession<Long, ReportJob<SmgpReport>, SmgpLogin> {
    private static final long STATUS_AUTH_FAILED = 21;
    private static final long STRUCTURE_ERROR = 10;
    private static final SmgpMsgId NO_ID = new SmgpMsgId(Octets.of(new byte[SmgpMsgId.LENGTH]));

    private final SmgpSimulator simulator;

    SmgpServerSession(SmgpSimulator simulator) {
        super(simulator, "SMGP", SmgpLogin.class);
        this.simulator = simulator;
    }

    @Override
    protected void readLoggedIn(Object msg) {
        if (msg instanceof SmgpSubmit submit) {
            submit(submit);
        } else if (msg instanceof SmgpDeliverResp resp) {
            answered(resp.sequenceId(), resp.status());
        } else if (msg instanceof SmgpActiveTest test) {
            channel().writeAndFlush(new SmgpActiveTestResp(test.sequenceId()));
        } else if (msg instanceof SmgpExit exit) {
            answerAndClose(new SmgpExitResp(exit.sequenceId()));
        } else if (msg instanceof MalformedPdu<?> malformed && malformed.commandId() == SmgpCommandIds.SUBMIT) {
            refuseMalformed(new SmgpSubmitResp((Long) malformed.sequence(), NO_ID, STRUCTURE_ERROR));
        }
    }

    @Override
    protected void login(SmgpLogin login) {
        SmgpSimulatorConfig config = simulator.config();
        boolean ok = config.account().equals(login.clientId()) && SmgpAuthenticator.client(config.account(),
                config.password(), login.timestamp()).equals(login.authenticatorClient());
        long status = ok ? 0 : STATUS_AUTH_FAILED;
        Octets server = ok ? SmgpAuthenticator.server(0, login.authenticatorClient(), config.password())
                : Octets.of(new byte[16]);
        answerLogin(new SmgpLoginResp(login.sequenceId(), status, server, SmgpLogin.VERSION_30), status, login.clientId());
    }

    private void submit(SmgpSubmit submit) {
        if (throttled()) {
            channel().writeAndFlush(new SmgpSubmitResp(submit.sequenceId(), NO_ID, SmgpResultCodes.SYSTEM_BUSY));
            return;
        }
        if (!partNumbersAgree(submit)) {
            refuseMalformed(new SmgpSubmitResp(submit.sequenceId(), NO_ID, STRUCTURE_ERROR));
            return;
        }
        SmgpMsgId msgId = simulator.msgIds().next();
        List<String> ids = Collections.nCopies(submit.destTermIds().size(), msgId.toString());
        AcceptedSubmit accepted = AcceptedSubmit.of("SMGP30", simulator.config().account(), submit.srcTermId(),
                submit.destTermIds(), submit.serviceId(), submit.content(), submit.needReport(),
                submit.options().pkTotal().orElse(1), submit.options().pkNumber().orElse(1), ids,
                submit.options().linkId().orElse(""));
        answerLater(() -> answerSubmit(new SmgpSubmitResp(submit.sequenceId(), msgId, 0), accepted,
                submit.needReport() == 1 ? simulator.reportsFor(accepted, msgId) : List.of()));
    }

    /** Strict on purpose: a part with a UDH must carry PkTotal and PkNumber TLVs equal to it (reference §5.3). */
    private static boolean partNumbersAgree(SmgpSubmit submit) {
        return submit.content().concatenation().map(udh -> submit.options().pkTotal().orElse(-1) == udh.total()
                && submit.options().pkNumber().orElse(-1) == udh.number()).orElse(true);
    }

    @Override
    protected SmgpDeliver reportPdu(ReportJob<SmgpReport> job) {
        return SmgpDeliver.ofReport(nextSequence(), simulator.msgIds().next(), SmgpSimulator.recvTime(),
                job.handset(), job.spNumber(), job.report());
    }

    /** Writes a Deliver; completes with the SP's status (0 = OK). */
    CompletableFuture<Long> deliver(SmgpDeliver deliver) {
        return request(deliver.sequenceId(), deliver);
    }
}
