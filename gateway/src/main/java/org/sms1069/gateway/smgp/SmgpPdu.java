package org.sms1069.gateway.smgp;

/** An SMGP 3.0 PDU. SequenceID is an unsigned 32-bit value held in a {@code long}. */
public sealed interface SmgpPdu permits SmgpLogin, SmgpLoginResp, SmgpSubmit, SmgpSubmitResp, SmgpDeliver,
        SmgpDeliverResp, SmgpActiveTest, SmgpActiveTestResp, SmgpExit, SmgpExitResp {

    long sequenceId();

    long commandId();
}
