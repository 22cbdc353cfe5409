package org.sms1069.gateway.smgp;

import org.sms1069.gateway.codec.SequenceIdPdu;

/** An SMGP 3.0 PDU. SequenceID is an unsigned 32-bit value held in a {@code long}. */
public sealed interface SmgpPdu extends SequenceIdPdu permits SmgpLogin, SmgpLoginResp, SmgpSubmit, SmgpSubmitResp, SmgpDeliver,
        SmgpDeliverResp, SmgpActiveTest, SmgpActiveTestResp, SmgpExit, SmgpExitResp {
}
