package org.sms1069.wire.sgip;

/** SGIP_SUBMIT_RESP. There is no message id: the SUBMIT's sequence is the key for its REPORT. */
public record SgipSubmitResp(SgipSequence sequence, int result) implements SgipResultResp {

    @Override
    public long commandId() {
        return SgipCommandIds.SUBMIT_RESP;
    }
}
