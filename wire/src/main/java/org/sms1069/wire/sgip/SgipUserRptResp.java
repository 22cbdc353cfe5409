package org.sms1069.wire.sgip;

/** SGIP_USERRPT_RESP. */
public record SgipUserRptResp(SgipSequence sequence, int result) implements SgipResultResp {

    @Override
    public long commandId() {
        return SgipCommandIds.USERRPT_RESP;
    }
}
