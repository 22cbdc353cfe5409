package org.sms1069.wire.cmpp;

import org.sms1069.wire.codec.SequenceIdPdu;

/** A CMPP 2.0/3.0 PDU. Sequence_Id is an unsigned 32-bit value held in a {@code long}. */
public sealed interface CmppPdu extends SequenceIdPdu permits CmppConnect, CmppConnectResp, CmppSubmit, CmppSubmitResp, CmppDeliver,
        CmppDeliverResp, CmppActiveTest, CmppActiveTestResp, CmppTerminate, CmppTerminateResp {
}
