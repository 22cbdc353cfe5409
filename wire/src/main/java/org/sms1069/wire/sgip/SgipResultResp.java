package org.sms1069.wire.sgip;

/** The responses whose body is Result uint8 + Reserve str(8); Result codes are in {@link SgipResultCodes}. */
public sealed interface SgipResultResp extends SgipPdu permits SgipBindResp, SgipSubmitResp, SgipDeliverResp,
        SgipReportResp, SgipUserRptResp {

    int result();
}
