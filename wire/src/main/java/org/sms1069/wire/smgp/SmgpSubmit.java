package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.MessageContent;

import java.util.List;

/**
 * SMGP Submit. MsgFormat and TP_udhi travel in {@code content}; the other optional parameters (PkTotal,
 * PkNumber, LinkID, MsgSrc, MServiceID, ...) in {@code options}. FeeType codes differ from CMPP's:
 * "00" free, "01" per message, "02" monthly, "03" capped.
 */
public record SmgpSubmit(long sequenceId, int msgType, int needReport, int priority, String serviceId,
                         String feeType, String feeCode, String fixedFee, String validTime, String atTime,
                         String srcTermId, String chargeTermId, List<String> destTermIds, MessageContent content,
                         SmgpTlvs options) implements SmgpPdu {

    /** MsgType of an SP-to-terminal message. */
    public static final int MT = 6;

    public SmgpSubmit {
        destTermIds = List.copyOf(destTermIds);
    }

    @Override
    public long commandId() {
        return SmgpCommandIds.SUBMIT;
    }
}
