package org.sms1069.wire.sgip;

/** SGIP_DELIVER_RESP. */
public record SgipDeliverResp(SgipSequence sequence, int result) implements SgipResultResp {

    @Override
    public long commandId() {
        return SgipCommandIds.DELIVER_RESP;
    }
}
