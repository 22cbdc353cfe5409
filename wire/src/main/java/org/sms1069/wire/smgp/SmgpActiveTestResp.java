package org.sms1069.wire.smgp;

/** SMGP Active_Test_Resp (no body). */
public record SmgpActiveTestResp(long sequenceId) implements SmgpPdu {

    @Override
    public long commandId() {
        return SmgpCommandIds.ACTIVE_TEST_RESP;
    }
}
