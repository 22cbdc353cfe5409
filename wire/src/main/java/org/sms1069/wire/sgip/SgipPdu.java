package org.sms1069.wire.sgip;

import org.sms1069.wire.codec.Pdu;

/** An SGIP 1.2 PDU. Reserve fields are written as zeros and not kept. */
public sealed interface SgipPdu extends Pdu permits SgipBind, SgipUnbind, SgipUnbindResp, SgipSubmit, SgipDeliver, SgipReport,
        SgipUserRpt, SgipResultResp {

    SgipSequence sequence();
}
