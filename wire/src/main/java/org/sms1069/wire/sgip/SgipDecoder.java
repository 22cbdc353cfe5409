package org.sms1069.wire.sgip;

import io.netty.buffer.ByteBuf;
import org.sms1069.wire.codec.FixedStrings;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.PduDecoder;
import org.sms1069.wire.codec.PduFields;
import org.sms1069.wire.codec.PduFrameDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes whole SGIP frames into {@link SgipPdu} records, or in-band {@code MalformedPdu<SgipSequence>} /
 * {@code UnknownPdu<SgipSequence>} results. Put {@link #frameDecoder(int)} in front of it.
 */
public final class SgipDecoder extends PduDecoder<SgipSequence> {

    public SgipDecoder() {
        super(SgipCommandIds.HEADER_LENGTH);
    }

    public static PduFrameDecoder frameDecoder(int maxFrameLength) {
        return new PduFrameDecoder(maxFrameLength, SgipCommandIds.HEADER_LENGTH);
    }

    @Override
    protected SgipSequence readSequence(ByteBuf frame) {
        return SgipSequence.read(frame);
    }

    @Override
    protected Object decodeBody(long commandId, SgipSequence seq, ByteBuf in) {
        return switch ((int) commandId) {
            case (int) SgipCommandIds.BIND -> new SgipBind(seq, in.readUnsignedByte(), FixedStrings.read(in, 16),
                    FixedStrings.read(in, 16));
            case (int) SgipCommandIds.BIND_RESP -> new SgipBindResp(seq, in.readUnsignedByte());
            case (int) SgipCommandIds.UNBIND -> new SgipUnbind(seq);
            case (int) SgipCommandIds.UNBIND_RESP -> new SgipUnbindResp(seq);
            case (int) SgipCommandIds.SUBMIT -> submit(seq, in);
            case (int) SgipCommandIds.SUBMIT_RESP -> new SgipSubmitResp(seq, in.readUnsignedByte());
            case (int) SgipCommandIds.DELIVER -> new SgipDeliver(seq, FixedStrings.read(in, 21),
                    FixedStrings.read(in, 21), in.readUnsignedByte(), content(in));
            case (int) SgipCommandIds.DELIVER_RESP -> new SgipDeliverResp(seq, in.readUnsignedByte());
            case (int) SgipCommandIds.REPORT -> new SgipReport(seq, SgipSequence.read(in), in.readUnsignedByte(),
                    FixedStrings.read(in, 21), in.readUnsignedByte(), in.readUnsignedByte());
            case (int) SgipCommandIds.REPORT_RESP -> new SgipReportResp(seq, in.readUnsignedByte());
            case (int) SgipCommandIds.USERRPT -> new SgipUserRpt(seq, FixedStrings.read(in, 21),
                    FixedStrings.read(in, 21), in.readUnsignedByte());
            case (int) SgipCommandIds.USERRPT_RESP -> new SgipUserRptResp(seq, in.readUnsignedByte());
            default -> null;
        };
    }

    private static SgipSubmit submit(SgipSequence seq, ByteBuf in) {
        String spNumber = FixedStrings.read(in, 21);
        String chargeNumber = FixedStrings.read(in, 21);
        int userCount = in.readUnsignedByte();
        PduFields.checkReadable(in, userCount * 21L, "UserNumber");
        List<String> userNumbers = new ArrayList<>(userCount);
        for (int i = 0; i < userCount; i++) {
            userNumbers.add(FixedStrings.read(in, 21));
        }
        String corpId = FixedStrings.read(in, 5);
        String serviceType = FixedStrings.read(in, 10);
        int feeType = in.readUnsignedByte();
        String feeValue = FixedStrings.read(in, 6);
        String givenValue = FixedStrings.read(in, 6);
        int agentFlag = in.readUnsignedByte();
        int moRelateToMtFlag = in.readUnsignedByte();
        int priority = in.readUnsignedByte();
        String expireTime = FixedStrings.read(in, 16);
        String scheduleTime = FixedStrings.read(in, 16);
        int reportFlag = in.readUnsignedByte();
        int tpPid = in.readUnsignedByte();
        boolean udhi = PduFields.udhi(in.readUnsignedByte());
        int coding = in.readUnsignedByte();
        int messageType = in.readUnsignedByte();
        MessageContent content = new MessageContent(coding, udhi, readContent(in));
        return new SgipSubmit(seq, spNumber, chargeNumber, userNumbers, corpId, serviceType, feeType, feeValue,
                givenValue, agentFlag, moRelateToMtFlag, priority, expireTime, scheduleTime, reportFlag, tpPid,
                messageType, content);
    }

    /** TP_udhi, MessageCoding, MessageLength and MessageContent as DELIVER lays them out. */
    private static MessageContent content(ByteBuf in) {
        boolean udhi = PduFields.udhi(in.readUnsignedByte());
        int coding = in.readUnsignedByte();
        return new MessageContent(coding, udhi, readContent(in));
    }

    /** MessageLength is a uint32 here: checked against the frame before any allocation. */
    private static Octets readContent(ByteBuf in) {
        return Octets.read(in, PduFields.checkReadable(in, in.readUnsignedInt(), "MessageContent"));
    }
}
