package org.sms1069.wire.smgp;

/** SMGP Exit_Resp (no body). */
public record SmgpExitResp(long sequenceId) implements SmgpPdu {

    @Override
    public long commandId() {
        return SmgpCommandIds.EXIT_RESP;
    }
}
