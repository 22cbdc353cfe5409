package org.sms1069.wire.smgp;

import io.netty.buffer.ByteBuf;
import org.sms1069.wire.codec.FixedStrings;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.SequenceIdEncoder;
import org.sms1069.wire.codec.PduFields;

/**
 * Encodes {@link SmgpPdu} records into exactly sized buffers. A content with TP_udhi set gets a TP_udhi TLV
 * ahead of the other options.
 */
public final class SmgpEncoder extends SequenceIdEncoder<SmgpPdu> {

    private static final int RESERVE = 8;
    private static final int UDHI_TLV_LENGTH = 5;

    public SmgpEncoder() {
        super(SmgpPdu.class);
    }

    @Override
    protected int bodyLength(SmgpPdu pdu) {
        if (pdu instanceof SmgpSubmit submit) {
            return 114 + 21 * submit.destTermIds().size() + submit.content().length()
                    + optionsLength(submit.content(), submit.options());
        } else if (pdu instanceof SmgpDeliver deliver) {
            return 77 + deliver.content().length() + optionsLength(deliver.content(), deliver.options());
        } else if (pdu instanceof SmgpSubmitResp || pdu instanceof SmgpDeliverResp) {
            return SmgpMsgId.LENGTH + 4;
        } else if (pdu instanceof SmgpLogin) {
            return 30;
        } else if (pdu instanceof SmgpLoginResp) {
            return 21;
        }
        return 0; // Active_Test, Exit and their responses
    }

    @Override
    protected void writeBody(SmgpPdu pdu, ByteBuf out) {
        if (pdu instanceof SmgpSubmit submit) {
            writeSubmit(submit, out);
        } else if (pdu instanceof SmgpDeliver deliver) {
            writeDeliver(deliver, out);
        } else if (pdu instanceof SmgpSubmitResp resp) {
            resp.msgId().writeTo(out);
            out.writeInt((int) resp.status());
        } else if (pdu instanceof SmgpDeliverResp resp) {
            resp.msgId().writeTo(out);
            out.writeInt((int) resp.status());
        } else if (pdu instanceof SmgpLogin login) {
            FixedStrings.write(out, login.clientId(), 8, "ClientID");
            PduFields.writeExactly(out, login.authenticatorClient(), 16, "AuthenticatorClient");
            out.writeByte(login.loginMode());
            out.writeInt((int) login.timestamp());
            out.writeByte(login.clientVersion());
        } else if (pdu instanceof SmgpLoginResp resp) {
            out.writeInt((int) resp.status());
            PduFields.writeExactly(out, resp.authenticatorServer(), 16, "AuthenticatorServer");
            out.writeByte(resp.serverVersion());
        }
    }

    private static void writeSubmit(SmgpSubmit submit, ByteBuf out) {
        out.writeByte(submit.msgType());
        out.writeByte(submit.needReport());
        out.writeByte(submit.priority());
        FixedStrings.write(out, submit.serviceId(), 10, "ServiceID");
        FixedStrings.write(out, submit.feeType(), 2, "FeeType");
        FixedStrings.write(out, submit.feeCode(), 6, "FeeCode");
        FixedStrings.write(out, submit.fixedFee(), 6, "FixedFee");
        out.writeByte(submit.content().format());
        FixedStrings.write(out, submit.validTime(), 17, "ValidTime");
        FixedStrings.write(out, submit.atTime(), 17, "AtTime");
        FixedStrings.write(out, submit.srcTermId(), 21, "SrcTermID");
        FixedStrings.write(out, submit.chargeTermId(), 21, "ChargeTermID");
        PduFields.writeUint8(out, submit.destTermIds().size(), "DestTermIDCount");
        for (String dest : submit.destTermIds()) {
            FixedStrings.write(out, dest, 21, "DestTermID");
        }
        writeContentAndOptions(submit.content(), submit.options(), out);
    }

    private static void writeDeliver(SmgpDeliver deliver, ByteBuf out) {
        deliver.msgId().writeTo(out);
        out.writeByte(deliver.isReport());
        out.writeByte(deliver.content().format());
        FixedStrings.write(out, deliver.recvTime(), 14, "RecvTime");
        FixedStrings.write(out, deliver.srcTermId(), 21, "SrcTermID");
        FixedStrings.write(out, deliver.destTermId(), 21, "DestTermID");
        writeContentAndOptions(deliver.content(), deliver.options(), out);
    }

    /** MsgLength, MsgContent, Reserve, then TP_udhi (when set) and the other TLVs. */
    private static void writeContentAndOptions(MessageContent content, SmgpTlvs options, ByteBuf out) {
        PduFields.writeUint8(out, content.length(), "MsgLength");
        content.bytes().writeTo(out);
        out.writeZero(RESERVE);
        if (content.udhi()) {
            out.writeShort(SmgpTlvTags.TP_UDHI);
            out.writeShort(1);
            out.writeByte(1);
        }
        options.without(SmgpTlvTags.TP_UDHI).writeTo(out);
    }

    private static int optionsLength(MessageContent content, SmgpTlvs options) {
        return (content.udhi() ? UDHI_TLV_LENGTH : 0) + options.without(SmgpTlvTags.TP_UDHI).encodedLength();
    }
}
