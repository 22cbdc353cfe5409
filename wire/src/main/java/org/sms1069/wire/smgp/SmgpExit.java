package org.sms1069.wire.smgp;

/** SMGP Exit (no body): reply, then close. */
public record SmgpExit(long sequenceId) implements SmgpPdu {

    @Override
    public long commandId() {
        return SmgpCommandIds.EXIT;
    }
}
