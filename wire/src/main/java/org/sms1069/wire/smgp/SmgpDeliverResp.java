package org.sms1069.wire.smgp;

/** SMGP Deliver_Resp: echoes the Deliver's MsgID; status 0 unless the Deliver was malformed. */
public record SmgpDeliverResp(long sequenceId, SmgpMsgId msgId, long status) implements SmgpPdu {

    @Override
    public long commandId() {
        return SmgpCommandIds.DELIVER_RESP;
    }
}
