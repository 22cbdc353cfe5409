package org.sms1069.wire.cmpp;

/** CMPP_ACTIVE_TEST (no body). */
public record CmppActiveTest(long sequenceId) implements CmppPdu {

    @Override
    public long commandId() {
        return CmppCommandIds.ACTIVE_TEST;
    }
}
