package org.sms1069.wire.cmpp;

/** CMPP_DELIVER_RESP: echoes the DELIVER's Msg_Id; result 0 unless the DELIVER was malformed. */
public record CmppDeliverResp(long sequenceId, long msgId, long result) implements CmppPdu {

    @Override
    public long commandId() {
        return CmppCommandIds.DELIVER_RESP;
    }
}
