package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.SequenceIdPdu;

/** An SMGP 3.0 PDU. SequenceID is an unsigned 32-bit value held in a {@code long}. */
public sealed interface SmgpPdu extends SequenceIdPdu permits SmgpLogin, SmgpLoginResp, SmgpSubmit, SmgpSubmitResp, SmgpDeliver,
        SmgpDeliverResp, SmgpActiveTest, SmgpActiveTestResp, SmgpExit, SmgpExitResp {
}
