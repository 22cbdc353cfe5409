package org.sms1069.wire.cmpp;

import io.netty.buffer.ByteBuf;
import org.sms1069.wire.codec.FixedStrings;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.PduFields;
import org.sms1069.wire.codec.SequenceIdDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes whole CMPP frames into {@link CmppPdu} records, or in-band {@code MalformedPdu<Long>} /
 * {@code UnknownPdu<Long>} results. Put {@link #frameDecoder(int)} in front of it.
 * <p>
 * Where 2.0 and 3.0 differ only in a result width, the body length decides (CONNECT_RESP 18/21,
 * SUBMIT_RESP and DELIVER_RESP 9/12), since gateways do not always answer in the version asked for.
 */
public final class CmppDecoder extends SequenceIdDecoder {

    private static final int V20_CONNECT_RESP = 18;
    private static final int V30_CONNECT_RESP = 21;

    private final CmppVersion version;

    public CmppDecoder(CmppVersion version) {
        this.version = version;
    }

    @Override
    protected Object decodeBody(long commandId, Long sequence, ByteBuf in) {
        long seq = sequence;
        return switch ((int) commandId) {
            case (int) CmppCommandIds.CONNECT -> new CmppConnect(seq, FixedStrings.read(in, 6), Octets.read(in, 16),
                    in.readUnsignedByte(), in.readUnsignedInt());
            case (int) CmppCommandIds.CONNECT_RESP -> connectResp(seq, in);
            case (int) CmppCommandIds.SUBMIT -> submit(seq, in);
            case (int) CmppCommandIds.SUBMIT_RESP -> new CmppSubmitResp(seq, in.readLong(), result(in, 9));
            case (int) CmppCommandIds.DELIVER -> deliver(seq, in);
            case (int) CmppCommandIds.DELIVER_RESP -> new CmppDeliverResp(seq, in.readLong(), result(in, 9));
            case (int) CmppCommandIds.ACTIVE_TEST -> new CmppActiveTest(seq);
            case (int) CmppCommandIds.ACTIVE_TEST_RESP -> new CmppActiveTestResp(seq);
            case (int) CmppCommandIds.TERMINATE -> new CmppTerminate(seq);
            case (int) CmppCommandIds.TERMINATE_RESP -> new CmppTerminateResp(seq);
            default -> null;
        };
    }

    /**
     * 21 bytes (3.0) or 18 (2.0) in full; a gateway that refuses the login may leave out the 16-byte
     * AuthenticatorISMG (and the version), and its Status still says why: 4 bytes in 3.0, 1 in 2.0.
     */
    private CmppConnectResp connectResp(long seq, ByteBuf in) {
        int body = in.readableBytes();
        boolean full = body >= V20_CONNECT_RESP;
        boolean wideStatus = body >= V30_CONNECT_RESP || !full && version.resultLength() == 4 && body >= 4;
        long status = wideStatus ? in.readUnsignedInt() : in.readUnsignedByte();
        Octets authenticator = full ? Octets.read(in, 16) : Octets.EMPTY;
        int gatewayVersion = in.isReadable() ? in.readUnsignedByte() : 0;
        return new CmppConnectResp(seq, status, authenticator, gatewayVersion);
    }

    /** Reads the Result after an 8-byte Msg_Id: 1 byte when the body is {@code shortBody} long (2.0), else 4. */
    private long result(ByteBuf in, int shortBody) {
        int bodyLength = in.readableBytes() + 8;
        boolean oneByte = bodyLength == shortBody || bodyLength != shortBody + 3 && version.resultLength() == 1;
        return oneByte ? in.readUnsignedByte() : in.readUnsignedInt();
    }

    private CmppSubmit submit(long seq, ByteBuf in) {
        int idLength = version.terminalIdLength();
        long msgId = in.readLong();
        int pkTotal = in.readUnsignedByte();
        int pkNumber = in.readUnsignedByte();
        int registeredDelivery = in.readUnsignedByte();
        int msgLevel = in.readUnsignedByte();
        String serviceId = FixedStrings.read(in, 10);
        int feeUserType = in.readUnsignedByte();
        String feeTerminalId = FixedStrings.read(in, idLength);
        int feeTerminalType = terminalType(in);
        int tpPid = in.readUnsignedByte();
        boolean udhi = PduFields.udhi(in.readUnsignedByte());
        int msgFmt = in.readUnsignedByte();
        String msgSrc = FixedStrings.read(in, 6);
        String feeType = FixedStrings.read(in, 2);
        String feeCode = FixedStrings.read(in, 6);
        String validTime = FixedStrings.read(in, 17);
        String atTime = FixedStrings.read(in, 17);
        String srcId = FixedStrings.read(in, 21);
        int destCount = in.readUnsignedByte();
        PduFields.checkReadable(in, destCount * idLength, "Dest_terminal_Id");
        List<String> destTerminalIds = new ArrayList<>(destCount);
        for (int i = 0; i < destCount; i++) {
            destTerminalIds.add(FixedStrings.read(in, idLength));
        }
        int destTerminalType = terminalType(in);
        MessageContent content = new MessageContent(msgFmt, udhi, Octets.read(in, PduFields.checkReadable(in,
                in.readUnsignedByte(), "Msg_Content")));
        String linkId = FixedStrings.readTrailing(in, version.trailerLength());
        return new CmppSubmit(seq, msgId, pkTotal, pkNumber, registeredDelivery, msgLevel, serviceId, feeUserType,
                feeTerminalId, feeTerminalType, tpPid, msgSrc, feeType, feeCode, validTime, atTime, srcId,
                destTerminalIds, destTerminalType, content, linkId);
    }

    private CmppDeliver deliver(long seq, ByteBuf in) {
        long msgId = in.readLong();
        String destId = FixedStrings.read(in, 21);
        String serviceId = FixedStrings.read(in, 10);
        int tpPid = in.readUnsignedByte();
        boolean udhi = PduFields.udhi(in.readUnsignedByte());
        int msgFmt = in.readUnsignedByte();
        String srcTerminalId = FixedStrings.read(in, version.terminalIdLength());
        int srcTerminalType = terminalType(in);
        int registeredDelivery = in.readUnsignedByte();
        int msgLength = PduFields.checkReadable(in, in.readUnsignedByte(), "Msg_Content");
        MessageContent content = new MessageContent(msgFmt, udhi, Octets.read(in, msgLength));
        String linkId = FixedStrings.readTrailing(in, version.trailerLength());
        CmppDeliver deliver = new CmppDeliver(seq, msgId, destId, serviceId, tpPid, srcTerminalId, srcTerminalType,
                registeredDelivery, content, linkId);
        if (deliver.isReport()) {
            deliver.report(); // a report that does not parse is a malformed DELIVER: answer it, do not pass it on
        }
        return deliver;
    }

    private int terminalType(ByteBuf in) {
        return version.hasTerminalTypes() ? in.readUnsignedByte() : 0;
    }
}
