package org.sms1069.wire.sgip;

import org.sms1069.wire.codec.ResultCodeTable;
import org.sms1069.wire.codec.SubmitOutcome;

/** SGIP Result / ErrorCode values (spec §5.2); 1–20 mostly in responses, 21–33 mostly in REPORT.ErrorCode. */
public final class SgipResultCodes {

    /** Not in the SGIP 1.2 spec: the flow-control code Unicom gateways are reported to use. */
    public static final int FLOW_CONTROL = 88;

    /** The Result we answer a DELIVER or REPORT we could not keep with, so that the SMG sends it again later. */
    public static final int NODE_BUSY = 11;

    public static final ResultCodeTable TABLE = ResultCodeTable.builder()
            .success(0, "OK")
            .permanent(1, "illegal login")
            .retryable(2, "repeated login on the same connection")
            .retryable(3, "too many connections")
            .permanent(4, "bad LoginType")
            .permanent(5, "bad parameter format or range")
            .permanent(6, "illegal mobile number")
            .permanent(7, "bad message id")
            .permanent(8, "bad message length")
            // duplicate or malformed sequence: a resend with a fresh sequence can pass
            .retryable(9, "illegal sequence number")
            .permanent(10, "illegal GNS operation")
            .retryable(NODE_BUSY, "node busy")
            .retryable(21, "destination unreachable")
            .permanent(22, "routing error")
            .permanent(23, "no such route")
            .permanent(24, "invalid charged number")
            .permanent(25, "user cannot be reached")
            .permanent(26, "handset memory full")
            .permanent(27, "handset does not support SMS")
            .permanent(28, "handset error while receiving")
            .permanent(29, "unknown user")
            .permanent(30, "function not provided")
            .permanent(31, "illegal device")
            .retryable(32, "system failure")
            .retryable(33, "SMSC queue full")
            .throttled(FLOW_CONTROL, "flow control")
            .otherwise(SubmitOutcome.PERMANENT, "other error");

    private SgipResultCodes() {
    }
}
