package org.sms1069.wire.cmpp;

/** CMPP_ACTIVE_TEST_RESP: one Reserved byte, written as 0; a missing one is accepted. */
public record CmppActiveTestResp(long sequenceId) implements CmppPdu {

    @Override
    public long commandId() {
        return CmppCommandIds.ACTIVE_TEST_RESP;
    }
}
