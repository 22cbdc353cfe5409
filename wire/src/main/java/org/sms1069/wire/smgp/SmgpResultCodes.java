package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.ResultCodeTable;
import org.sms1069.wire.codec.SubmitOutcome;

/** SMGP Status values of Login_Resp, Submit_Resp and Deliver_Resp (spec §6.2; 128–255 vendor-defined). */
public final class SmgpResultCodes {

    public static final int SYSTEM_BUSY = 1;
    public static final int OVER_DAILY_VOLUME = 75;

    public static final ResultCodeTable TABLE = ResultCodeTable.builder()
            .success(0, "OK")
            .throttled(SYSTEM_BUSY, "system busy")
            .retryable(2, "too many connections")
            .permanent(10, "bad message structure")
            .permanent(11, "bad command word")
            // the sequence was reused while an earlier request is unanswered: a fresh sequence will pass
            .retryable(12, "duplicate sequence")
            .permanent(20, "bad IP address")
            .permanent(21, "authentication failed")
            .permanent(22, "version too high")
            .permanent(30, "bad MsgType")
            .permanent(31, "bad Priority")
            .permanent(32, "bad FeeType")
            .permanent(33, "bad FeeCode")
            .permanent(34, "bad MsgFormat")
            .permanent(35, "bad time format")
            .permanent(36, "bad MsgLength")
            .permanent(37, "validity period already expired")
            .permanent(38, "bad QueryType")
            .permanent(39, "routing error")
            .permanent(40, "bad FixedFee")
            .permanent(41, "bad UpdateType")
            .permanent(42, "bad RouteId")
            .permanent(43, "bad ServiceId")
            .permanent(44, "bad ValidTime")
            .permanent(45, "bad AtTime")
            .permanent(46, "bad SrcTermId")
            .permanent(47, "bad DestTermId")
            .permanent(48, "bad ChargeTermId")
            .permanent(49, "bad SPCode")
            .permanent(73, "bad MServiceID")
            .retryable(74, "SP is in a no-send time window")
            .throttled(OVER_DAILY_VOLUME, "SP is over its daily volume")
            .permanent(76, "SP account has expired")
            .otherwise(SubmitOutcome.PERMANENT, "other error");

    private SmgpResultCodes() {
    }
}
