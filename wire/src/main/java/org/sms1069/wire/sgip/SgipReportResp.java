package org.sms1069.wire.sgip;

/** SGIP_REPORT_RESP. */
public record SgipReportResp(SgipSequence sequence, int result) implements SgipResultResp {

    @Override
    public long commandId() {
        return SgipCommandIds.REPORT_RESP;
    }
}
