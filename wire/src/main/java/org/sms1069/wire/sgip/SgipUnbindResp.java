package org.sms1069.wire.sgip;

/** SGIP_UNBIND_RESP (no body). */
public record SgipUnbindResp(SgipSequence sequence) implements SgipPdu {

    @Override
    public long commandId() {
        return SgipCommandIds.UNBIND_RESP;
    }
}
