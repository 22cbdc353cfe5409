package org.sms1069.wire.cmpp;

/** CMPP_TERMINATE_RESP (no body). */
public record CmppTerminateResp(long sequenceId) implements CmppPdu {

    @Override
    public long commandId() {
        return CmppCommandIds.TERMINATE_RESP;
    }
}
