package org.sms1069.wire.cmpp;

import org.sms1069.wire.codec.ResultCodeTable;
import org.sms1069.wire.codec.SubmitOutcome;

/** CMPP SUBMIT_RESP Result values (2.0 defines 0–9, 3.0 adds 9–13; 100–199 are vendor-specific). */
public final class CmppResultCodes {

    public static final int FLOW_CONTROL = 8;

    /**
     * The DELIVER_RESP Result for a DELIVER we could not keep (the broker did not acknowledge it): flow control is
     * the one Result the spec gives for "not now", and ISMGs meet it by sending again later; 9 and up are "other
     * error", which a gateway may take as final and drop the report.
     */
    public static final int DELIVER_TRY_AGAIN = FLOW_CONTROL;

    public static final ResultCodeTable SUBMIT = ResultCodeTable.builder()
            .success(0, "OK")
            .permanent(1, "bad message structure")
            .permanent(2, "bad command word")
            // the sequence was reused while an earlier submit is unanswered: a fresh sequence will pass
            .retryable(3, "duplicate sequence")
            .permanent(4, "bad message length")
            .permanent(5, "bad fee code")
            .permanent(6, "message too long")
            .permanent(7, "bad Service_Id")
            .throttled(FLOW_CONTROL, "flow control: over the contracted rate")
            .permanent(9, "gateway does not serve the charged number (3.0) / other error (2.0)")
            .permanent(10, "bad Src_Id")
            .permanent(11, "bad Msg_src")
            .permanent(12, "bad Fee_terminal_Id")
            .permanent(13, "bad Dest_terminal_Id")
            .otherwise(SubmitOutcome.PERMANENT, "other error");

    /** CONNECT_RESP Status values. */
    public static final ResultCodeTable CONNECT = ResultCodeTable.builder()
            .success(0, "OK")
            .permanent(1, "bad message structure")
            .permanent(2, "illegal source address")
            .permanent(3, "authentication failed")
            .permanent(4, "version too high")
            .otherwise(SubmitOutcome.PERMANENT, "other error");

    private CmppResultCodes() {
    }
}
