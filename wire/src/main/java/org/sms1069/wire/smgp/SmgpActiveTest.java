package org.sms1069.wire.smgp;

/** SMGP Active_Test (no body); either side may send it. */
public record SmgpActiveTest(long sequenceId) implements SmgpPdu {

    @Override
    public long commandId() {
        return SmgpCommandIds.ACTIVE_TEST;
    }
}
