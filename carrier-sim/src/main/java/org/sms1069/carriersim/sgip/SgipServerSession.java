package org.sms1069.carriersim.sgip;

import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.ReportJob;
import org.sms1069.carriersim.netty.SimServerSession;
import org.sms1069.wire.codec.MalformedPdu;
import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.wire.sgip.SgipCommandIds;
import org.sms1069.wire.sgip.SgipResultCodes;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipSubmit;
import org.sms1069.wire.sgip.SgipSubmitResp;
import org.sms1069.wire.sgip.SgipUnbind;
import org.sms1069.wire.sgip.SgipUnbindResp;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The SMG side of one SP connection (login type 1): checks the BIND, answers SUBMITs (result 88 beyond the
 * window or rate, held back as the simulator is set) and UNBIND. Reports never travel here: the simulator
 * sends them over its own connection to the SP's server.
 */
final class SgipServerSession extends SimServerSession<SgipSequence, ReportJob<SgipOutcome>, SgipBind> {
    private static final int ILLEGAL_LOGIN = 1;
    private static final int BAD_PARAMETER = 5;
    private static final int REPORT_NEVER = 2;

    private final SgipSimulator simulator;

    SgipServerSession(SgipSimulator simulator) {
        super(simulator, "SGIP", SgipBind.class);
        this.simulator = simulator;
    }

    @Override
    protected void login(SgipBind bind) {
        SgipSimulatorConfig config = simulator.config();
        boolean ok = bind.loginType() == SgipBind.SP_TO_SMG && config.account().equals(bind.loginName())
                && config.password().equals(bind.loginPassword());
        int result = ok ? 0 : ILLEGAL_LOGIN;
        answerLogin(new SgipBindResp(bind.sequence(), result), result, bind.loginName());
    }

    @Override
    protected void readLoggedIn(Object msg) {
        if (msg instanceof SgipSubmit submit) {
            submit(submit);
        } else if (msg instanceof SgipUnbind unbind) {
            answerAndClose(new SgipUnbindResp(unbind.sequence()));
        } else if (msg instanceof MalformedPdu<?> malformed && malformed.commandId() == SgipCommandIds.SUBMIT) {
            refuseMalformed(new SgipSubmitResp((SgipSequence) malformed.sequence(), BAD_PARAMETER));
        }
    }

    private void submit(SgipSubmit submit) {
        if (throttled()) {
            channel().writeAndFlush(new SgipSubmitResp(submit.sequence(), SgipResultCodes.FLOW_CONTROL));
            return;
        }
        List<String> handsets = submit.userNumbers().stream().map(SgipServerSession::withoutCountryCode).toList();
        List<String> ids = Collections.nCopies(handsets.size(), submit.sequence().messageId());
        AcceptedSubmit accepted = AcceptedSubmit.of("SGIP12", simulator.config().account(), submit.spNumber(), handsets,
                submit.serviceType(), submit.content(), submit.reportFlag(), 1, 1, ids, "");
        answerLater(() -> answerSubmit(new SgipSubmitResp(submit.sequence(), 0), accepted,
                submit.reportFlag() == REPORT_NEVER ? List.of() : simulator.reportsFor(submit)));
    }

    private static String withoutCountryCode(String userNumber) {
        return userNumber.startsWith("86") && userNumber.length() == 13 ? userNumber.substring(2) : userNumber;
    }

    /** Reports first go over the connection to the SP's server; the SUBMIT_RESP waits until they are answered. */
    @Override
    protected CompletableFuture<?> sendReportsFirst(List<ReportJob<SgipOutcome>> reports) {
        return CompletableFuture.runAsync(() -> reports.forEach(ReportJob::tryDeliver));
    }

    @Override
    protected Object reportPdu(ReportJob<SgipOutcome> job) {
        throw new UnsupportedOperationException("SGIP reports go to the SP's server, not on the submit connection");
    }
}
