package org.sms1069.gateway.sgip;

import org.sms1069.wire.sgip.SgipCommandIds;
import org.sms1069.wire.sgip.SgipDeliver;
import org.sms1069.wire.sgip.SgipDeliverResp;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipReport;
import org.sms1069.wire.sgip.SgipReportResp;
import org.sms1069.wire.sgip.SgipResultCodes;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipSubmit;
import org.sms1069.wire.sgip.SgipSubmitResp;
import org.sms1069.wire.sgip.SgipUnbind;
import org.sms1069.wire.sgip.SgipUnbindResp;
import org.sms1069.wire.sgip.SgipUserRpt;
import org.sms1069.wire.sgip.SgipUserRptResp;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.session.DialectSupport;
import org.sms1069.gateway.session.Reply;
import org.sms1069.model.link.LinkSettings;

import java.time.Instant;

/**
 * What the Unicom gateway sends an SP and how to answer it: DELIVER is MO (destination = SPNumber with the
 * extension), REPORT a receipt keyed by the SUBMIT's sequence, USERRPT is acknowledged, UNBIND answered before
 * closing. Used by the SP-side server, and by the client connection for gateways that send there too.
 */
public final class SgipInbound {
    static final String PROTOCOL = "SGIP";
    /** The raw stat of a failed REPORT: Unicom's family prefix and the ErrorCode, e.g. {@code LT:0025}. */
    private static final String FAILED_PREFIX = "LT:";
    private static final int OK = 0;
    private static final int BAD_PARAMETER = 5;
    private static final int FUNCTION_NOT_PROVIDED = 30;

    private final LinkSettings settings;

    public SgipInbound(LinkSettings settings) {
        this.settings = settings;
    }

    /** The answer to a request; {@code null} when the request is a response or needs none. */
    public Reply reply(SgipPdu request) {
        if (request instanceof SgipDeliver deliver) {
            return Reply.mo(new SgipDeliverResp(deliver.sequence(), OK),
                    new SgipDeliverResp(deliver.sequence(), SgipResultCodes.NODE_BUSY), DialectSupport.mo(settings, deliver.userNumber(),
                    deliver.spNumber(), deliver.content(), deliver.sequence().messageId(), null));
        } else if (request instanceof SgipReport report) {
            SgipReportResp ok = new SgipReportResp(report.sequence(), OK);
            if (!report.isFinal()) {
                return Reply.answer(ok); // waiting: the final report follows
            }
            return Reply.receipt(ok, new SgipReportResp(report.sequence(), SgipResultCodes.NODE_BUSY), new Receipt(settings.id(), settings.receiptScope(), report.submitSequence().messageId(),
                    report.userNumber(), stat(report), String.format("%03d", report.errorCode()), Instant.now()));
        } else if (request instanceof SgipUserRpt userRpt) {
            return Reply.answer(new SgipUserRptResp(userRpt.sequence(), OK));
        } else if (request instanceof SgipUnbind unbind) {
            return Reply.answerAndClose(new SgipUnbindResp(unbind.sequence()));
        } else if (request instanceof SgipSubmit submit) {
            return Reply.answer(new SgipSubmitResp(submit.sequence(), FUNCTION_NOT_PROVIDED));
        }
        return null;
    }

    /** State 0 is delivered; state 2 keeps the ErrorCode as the raw stat (reference §2.6, §2.9). */
    static String stat(SgipReport report) {
        return report.isDelivered() ? "DELIVRD" : FAILED_PREFIX + String.format("%04d", report.errorCode());
    }

    /** Error 5 (bad parameter) to a request that did not decode; null for what needs no answer. */
    public SgipPdu errorReply(DecodeFailure<SgipSequence> failure) {
        SgipSequence sequence = failure.sequence();
        if (sequence == null) {
            return null;
        }
        long command = failure.commandId();
        if (command == SgipCommandIds.DELIVER) {
            return new SgipDeliverResp(sequence, BAD_PARAMETER);
        } else if (command == SgipCommandIds.REPORT) {
            return new SgipReportResp(sequence, BAD_PARAMETER);
        } else if (command == SgipCommandIds.USERRPT) {
            return new SgipUserRptResp(sequence, BAD_PARAMETER);
        }
        return null;
    }
}
