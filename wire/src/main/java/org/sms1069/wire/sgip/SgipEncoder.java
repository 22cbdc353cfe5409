package org.sms1069.wire.sgip;

import io.netty.buffer.ByteBuf;
import org.sms1069.wire.codec.FixedStrings;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.PduEncoder;
import org.sms1069.wire.codec.PduFields;

/** Encodes {@link SgipPdu} records into exactly sized buffers; Reserve fields are written as zeros. */
public final class SgipEncoder extends PduEncoder<SgipPdu> {

    private static final int RESERVE = 8;

    public SgipEncoder() {
        super(SgipPdu.class, SgipCommandIds.HEADER_LENGTH);
    }

    @Override
    protected void writeSequence(SgipPdu pdu, ByteBuf out) {
        pdu.sequence().writeTo(out);
    }

    @Override
    protected int bodyLength(SgipPdu pdu) {
        if (pdu instanceof SgipSubmit submit) {
            return 123 + 21 * submit.userNumbers().size() + submit.content().length();
        } else if (pdu instanceof SgipDeliver deliver) {
            return 57 + deliver.content().length();
        } else if (pdu instanceof SgipResultResp) {
            return 1 + RESERVE;
        } else if (pdu instanceof SgipReport) {
            return 44;
        } else if (pdu instanceof SgipUserRpt) {
            return 51;
        } else if (pdu instanceof SgipBind) {
            return 41;
        }
        return 0; // UNBIND, UNBIND_RESP
    }

    @Override
    protected void writeBody(SgipPdu pdu, ByteBuf out) {
        if (pdu instanceof SgipSubmit submit) {
            writeSubmit(submit, out);
        } else if (pdu instanceof SgipDeliver deliver) {
            FixedStrings.write(out, deliver.userNumber(), 21, "UserNumber");
            FixedStrings.write(out, deliver.spNumber(), 21, "SPNumber");
            out.writeByte(deliver.tpPid());
            writeContent(deliver.content(), out);
        } else if (pdu instanceof SgipResultResp resp) {
            out.writeByte(resp.result());
        } else if (pdu instanceof SgipReport report) {
            report.submitSequence().writeTo(out);
            out.writeByte(report.reportType());
            FixedStrings.write(out, report.userNumber(), 21, "UserNumber");
            out.writeByte(report.state());
            out.writeByte(report.errorCode());
        } else if (pdu instanceof SgipUserRpt userRpt) {
            FixedStrings.write(out, userRpt.spNumber(), 21, "SPNumber");
            FixedStrings.write(out, userRpt.userNumber(), 21, "UserNumber");
            out.writeByte(userRpt.userCondition());
        } else if (pdu instanceof SgipBind bind) {
            out.writeByte(bind.loginType());
            FixedStrings.write(out, bind.loginName(), 16, "LoginName");
            FixedStrings.write(out, bind.loginPassword(), 16, "LoginPassword");
        } else {
            return; // no body, no Reserve
        }
        out.writeZero(RESERVE);
    }

    private static void writeSubmit(SgipSubmit submit, ByteBuf out) {
        FixedStrings.write(out, submit.spNumber(), 21, "SPNumber");
        FixedStrings.write(out, submit.chargeNumber(), 21, "ChargeNumber");
        PduFields.writeUint8(out, submit.userNumbers().size(), "UserCount");
        for (String user : submit.userNumbers()) {
            FixedStrings.write(out, user, 21, "UserNumber");
        }
        FixedStrings.write(out, submit.corpId(), 5, "CorpId");
        FixedStrings.write(out, submit.serviceType(), 10, "ServiceType");
        out.writeByte(submit.feeType());
        FixedStrings.write(out, submit.feeValue(), 6, "FeeValue");
        FixedStrings.write(out, submit.givenValue(), 6, "GivenValue");
        out.writeByte(submit.agentFlag());
        out.writeByte(submit.moRelateToMtFlag());
        out.writeByte(submit.priority());
        FixedStrings.write(out, submit.expireTime(), 16, "ExpireTime");
        FixedStrings.write(out, submit.scheduleTime(), 16, "ScheduleTime");
        out.writeByte(submit.reportFlag());
        out.writeByte(submit.tpPid());
        out.writeByte(submit.content().udhi() ? 1 : 0);
        out.writeByte(submit.content().format());
        out.writeByte(submit.messageType());
        out.writeInt(submit.content().length());
        submit.content().bytes().writeTo(out);
    }

    /** TP_udhi, MessageCoding, MessageLength (uint32) and MessageContent as DELIVER lays them out. */
    private static void writeContent(MessageContent content, ByteBuf out) {
        out.writeByte(content.udhi() ? 1 : 0);
        out.writeByte(content.format());
        out.writeInt(content.length());
        content.bytes().writeTo(out);
    }
}
