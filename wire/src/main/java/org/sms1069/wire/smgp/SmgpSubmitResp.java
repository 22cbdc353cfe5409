package org.sms1069.wire.smgp;

/** SMGP Submit_Resp: the gateway's MsgID and the Status, see {@link SmgpResultCodes}. */
public record SmgpSubmitResp(long sequenceId, SmgpMsgId msgId, long status) implements SmgpPdu {

    @Override
    public long commandId() {
        return SmgpCommandIds.SUBMIT_RESP;
    }
}
