package org.sms1069.wire.cmpp;

import org.sms1069.wire.codec.MessageContent;

import java.util.List;

/**
 * CMPP_SUBMIT. TP_udhi and Msg_Fmt travel in {@code content}. {@code feeTerminalType} and
 * {@code destTerminalType} exist on the wire in 3.0 only; {@code linkId} is LinkID in 3.0 and Reserve in 2.0.
 */
public record CmppSubmit(long sequenceId, long msgId, int pkTotal, int pkNumber, int registeredDelivery,
                         int msgLevel, String serviceId, int feeUserType, String feeTerminalId,
                         int feeTerminalType, int tpPid, String msgSrc, String feeType, String feeCode,
                         String validTime, String atTime, String srcId, List<String> destTerminalIds,
                         int destTerminalType, MessageContent content, String linkId) implements CmppPdu {

    public CmppSubmit {
        destTerminalIds = List.copyOf(destTerminalIds);
    }

    @Override
    public long commandId() {
        return CmppCommandIds.SUBMIT;
    }
}
