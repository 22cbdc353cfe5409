package org.sms1069.wire.cmpp;

/** CMPP_SUBMIT_RESP: the gateway's Msg_Id (unsigned 64-bit) and the Result, see {@link CmppResultCodes}. */
public record CmppSubmitResp(long sequenceId, long msgId, long result) implements CmppPdu {

    @Override
    public long commandId() {
        return CmppCommandIds.SUBMIT_RESP;
    }
}
