package org.sms1069.wire.smgp;

import io.netty.buffer.ByteBuf;
import org.sms1069.wire.codec.FixedStrings;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.PduFields;
import org.sms1069.wire.codec.SequenceIdDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes whole SMGP frames into {@link SmgpPdu} records, or in-band {@code MalformedPdu<Long>} /
 * {@code UnknownPdu<Long>} results. Put {@link #frameDecoder(int)} in front of it.
 */
public final class SmgpDecoder extends SequenceIdDecoder {

    private static final int RESERVE = 8;

    public SmgpDecoder() {
    }

    @Override
    protected Object decodeBody(long commandId, Long sequence, ByteBuf in) {
        long seq = sequence;
        return switch ((int) commandId) {
            case (int) SmgpCommandIds.LOGIN -> new SmgpLogin(seq, FixedStrings.read(in, 8), Octets.read(in, 16),
                    in.readUnsignedByte(), in.readUnsignedInt(), in.readUnsignedByte());
            case (int) SmgpCommandIds.LOGIN_RESP -> loginResp(seq, in);
            case (int) SmgpCommandIds.SUBMIT -> submit(seq, in);
            case (int) SmgpCommandIds.SUBMIT_RESP -> new SmgpSubmitResp(seq, SmgpMsgId.read(in), in.readUnsignedInt());
            case (int) SmgpCommandIds.DELIVER -> deliver(seq, in);
            case (int) SmgpCommandIds.DELIVER_RESP -> new SmgpDeliverResp(seq, SmgpMsgId.read(in),
                    in.readUnsignedInt());
            case (int) SmgpCommandIds.ACTIVE_TEST -> new SmgpActiveTest(seq);
            case (int) SmgpCommandIds.ACTIVE_TEST_RESP -> new SmgpActiveTestResp(seq);
            case (int) SmgpCommandIds.EXIT -> new SmgpExit(seq);
            case (int) SmgpCommandIds.EXIT_RESP -> new SmgpExitResp(seq);
            default -> null;
        };
    }

    /** A failed login may come without the 16-byte authenticator. */
    private static SmgpLoginResp loginResp(long seq, ByteBuf in) {
        long status = in.readUnsignedInt();
        Octets authenticator = in.readableBytes() >= 17 ? Octets.read(in, 16) : Octets.EMPTY;
        int version = in.isReadable() ? in.readUnsignedByte() : 0;
        return new SmgpLoginResp(seq, status, authenticator, version);
    }

    private static SmgpSubmit submit(long seq, ByteBuf in) {
        int msgType = in.readUnsignedByte();
        int needReport = in.readUnsignedByte();
        int priority = in.readUnsignedByte();
        String serviceId = FixedStrings.read(in, 10);
        String feeType = FixedStrings.read(in, 2);
        String feeCode = FixedStrings.read(in, 6);
        String fixedFee = FixedStrings.read(in, 6);
        int msgFormat = in.readUnsignedByte();
        String validTime = FixedStrings.read(in, 17);
        String atTime = FixedStrings.read(in, 17);
        String srcTermId = FixedStrings.read(in, 21);
        String chargeTermId = FixedStrings.read(in, 21);
        int destCount = in.readUnsignedByte();
        PduFields.checkReadable(in, destCount * 21L, "DestTermID");
        List<String> destTermIds = new ArrayList<>(destCount);
        for (int i = 0; i < destCount; i++) {
            destTermIds.add(FixedStrings.read(in, 21));
        }
        Octets bytes = Octets.read(in, PduFields.checkReadable(in, in.readUnsignedByte(), "MsgContent"));
        in.skipBytes(RESERVE);
        SmgpTlvs options = SmgpTlvs.read(in);
        return new SmgpSubmit(seq, msgType, needReport, priority, serviceId, feeType, feeCode, fixedFee, validTime,
                atTime, srcTermId, chargeTermId, destTermIds, content(msgFormat, bytes, options),
                options.without(SmgpTlvTags.TP_UDHI));
    }

    private static SmgpDeliver deliver(long seq, ByteBuf in) {
        SmgpMsgId msgId = SmgpMsgId.read(in);
        int isReport = in.readUnsignedByte();
        int msgFormat = in.readUnsignedByte();
        String recvTime = FixedStrings.read(in, 14);
        String srcTermId = FixedStrings.read(in, 21);
        String destTermId = FixedStrings.read(in, 21);
        Octets bytes = Octets.read(in, PduFields.checkReadable(in, in.readUnsignedByte(), "MsgContent"));
        in.skipBytes(Math.min(RESERVE, in.readableBytes())); // some gateways drop the Reserve when no TLV follows
        SmgpTlvs options = SmgpTlvs.read(in);
        SmgpDeliver deliver = new SmgpDeliver(seq, msgId, isReport, recvTime, srcTermId, destTermId,
                content(msgFormat, bytes, options), options.without(SmgpTlvTags.TP_UDHI));
        if (deliver.isStatusReport()) {
            deliver.report(); // a report that does not parse is a malformed Deliver: answer it, do not pass it on
        }
        return deliver;
    }

    private static MessageContent content(int msgFormat, Octets bytes, SmgpTlvs options) {
        boolean udhi = PduFields.udhi(options.uint8(SmgpTlvTags.TP_UDHI).orElse(0));
        return new MessageContent(msgFormat, udhi, bytes);
    }
}
