package org.sms1069.wire.cmpp;

import io.netty.buffer.ByteBuf;
import org.sms1069.wire.codec.FixedStrings;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.SequenceIdEncoder;
import org.sms1069.wire.codec.PduFields;

/** Encodes {@link CmppPdu} records for one CMPP version into exactly sized buffers. */
public final class CmppEncoder extends SequenceIdEncoder<CmppPdu> {

    private final CmppVersion version;

    public CmppEncoder(CmppVersion version) {
        super(CmppPdu.class);
        this.version = version;
    }

    @Override
    protected int bodyLength(CmppPdu pdu) {
        int idLength = version.terminalIdLength();
        int types = version.hasTerminalTypes() ? 1 : 0;
        if (pdu instanceof CmppSubmit submit) {
            return 97 + (1 + submit.destTerminalIds().size()) * idLength + 2 * types
                    + submit.content().length() + version.trailerLength();
        } else if (pdu instanceof CmppDeliver deliver) {
            return 44 + idLength + types + deliver.content().length() + version.trailerLength();
        } else if (pdu instanceof CmppSubmitResp || pdu instanceof CmppDeliverResp) {
            return 8 + version.resultLength();
        } else if (pdu instanceof CmppConnect) {
            return 27;
        } else if (pdu instanceof CmppConnectResp resp) {
            return (resp.hasAuthenticator() ? 17 : 1) + version.resultLength();
        } else if (pdu instanceof CmppActiveTestResp) {
            return 1;
        }
        return 0; // ACTIVE_TEST, TERMINATE, TERMINATE_RESP
    }

    @Override
    protected void writeBody(CmppPdu pdu, ByteBuf out) {
        if (pdu instanceof CmppSubmit submit) {
            writeSubmit(submit, out);
        } else if (pdu instanceof CmppDeliver deliver) {
            writeDeliver(deliver, out);
        } else if (pdu instanceof CmppSubmitResp resp) {
            out.writeLong(resp.msgId());
            writeResult(resp.result(), out);
        } else if (pdu instanceof CmppDeliverResp resp) {
            out.writeLong(resp.msgId());
            writeResult(resp.result(), out);
        } else if (pdu instanceof CmppConnect connect) {
            FixedStrings.write(out, connect.sourceAddr(), 6, "Source_Addr");
            PduFields.writeExactly(out, connect.authenticatorSource(), 16, "AuthenticatorSource");
            out.writeByte(connect.version());
            out.writeInt((int) connect.timestamp());
        } else if (pdu instanceof CmppConnectResp resp) {
            writeResult(resp.status(), out);
            if (resp.hasAuthenticator()) {
                PduFields.writeExactly(out, resp.authenticatorIsmg(), 16, "AuthenticatorISMG");
            }
            out.writeByte(resp.version());
        } else if (pdu instanceof CmppActiveTestResp) {
            out.writeByte(0);
        }
    }

    private void writeSubmit(CmppSubmit submit, ByteBuf out) {
        int idLength = version.terminalIdLength();
        out.writeLong(submit.msgId());
        out.writeByte(submit.pkTotal());
        out.writeByte(submit.pkNumber());
        out.writeByte(submit.registeredDelivery());
        out.writeByte(submit.msgLevel());
        FixedStrings.write(out, submit.serviceId(), 10, "Service_Id");
        out.writeByte(submit.feeUserType());
        FixedStrings.write(out, submit.feeTerminalId(), idLength, "Fee_terminal_Id");
        writeTerminalType(submit.feeTerminalType(), out);
        out.writeByte(submit.tpPid());
        out.writeByte(submit.content().udhi() ? 1 : 0);
        out.writeByte(submit.content().format());
        FixedStrings.write(out, submit.msgSrc(), 6, "Msg_src");
        FixedStrings.write(out, submit.feeType(), 2, "FeeType");
        FixedStrings.write(out, submit.feeCode(), 6, "FeeCode");
        FixedStrings.write(out, submit.validTime(), 17, "ValId_Time");
        FixedStrings.write(out, submit.atTime(), 17, "At_Time");
        FixedStrings.write(out, submit.srcId(), 21, "Src_Id");
        PduFields.writeUint8(out, submit.destTerminalIds().size(), "DestUsr_tl");
        for (String dest : submit.destTerminalIds()) {
            FixedStrings.write(out, dest, idLength, "Dest_terminal_Id");
        }
        writeTerminalType(submit.destTerminalType(), out);
        writeContent(submit.content(), out);
        FixedStrings.write(out, submit.linkId(), version.trailerLength(), "LinkID/Reserve");
    }

    private void writeDeliver(CmppDeliver deliver, ByteBuf out) {
        out.writeLong(deliver.msgId());
        FixedStrings.write(out, deliver.destId(), 21, "Dest_Id");
        FixedStrings.write(out, deliver.serviceId(), 10, "Service_Id");
        out.writeByte(deliver.tpPid());
        out.writeByte(deliver.content().udhi() ? 1 : 0);
        out.writeByte(deliver.content().format());
        FixedStrings.write(out, deliver.srcTerminalId(), version.terminalIdLength(), "Src_terminal_Id");
        writeTerminalType(deliver.srcTerminalType(), out);
        out.writeByte(deliver.registeredDelivery());
        writeContent(deliver.content(), out);
        FixedStrings.write(out, deliver.linkId(), version.trailerLength(), "LinkID/Reserved");
    }

    private static void writeContent(MessageContent content, ByteBuf out) {
        PduFields.writeUint8(out, content.length(), "Msg_Length");
        content.bytes().writeTo(out);
    }

    private void writeTerminalType(int type, ByteBuf out) {
        if (version.hasTerminalTypes()) {
            out.writeByte(type);
        }
    }

    private void writeResult(long result, ByteBuf out) {
        if (version.resultLength() == 1) {
            out.writeByte((int) result);
        } else {
            out.writeInt((int) result);
        }
    }
}
