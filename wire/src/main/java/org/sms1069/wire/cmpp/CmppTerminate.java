package org.sms1069.wire.cmpp;

/** CMPP_TERMINATE (no body): reply, then close. */
public record CmppTerminate(long sequenceId) implements CmppPdu {

    @Override
    public long commandId() {
        return CmppCommandIds.TERMINATE;
    }
}
