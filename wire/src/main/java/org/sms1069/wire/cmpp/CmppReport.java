package org.sms1069.wire.cmpp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.sms1069.wire.codec.FixedStrings;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.ReceiptStates;

/**
 * The status report carried in the Msg_Content of a CMPP_DELIVER with Registered_Delivery = 1.
 * {@code msgId} is the Msg_Id of the earlier SUBMIT_RESP; {@code stat} is kept as sent (DELIVRD, UNDELIV,
 * MK:0001, ...); the times are {@code YYMMDDHHMM}.
 */
public record CmppReport(long msgId, String stat, String submitTime, String doneTime, String destTerminalId,
                         long smscSequence) {

    public static final String DELIVERED = "DELIVRD";

    private static final int FIXED_PART = 39;
    private static final int V20_LENGTH = FIXED_PART + CmppVersion.V20.terminalIdLength();
    private static final int V30_LENGTH = FIXED_PART + CmppVersion.V30.terminalIdLength();

    /** DELIVRD is the only success; anything else (including vendor codes) is a failure. */
    public boolean isDelivered() {
        return DELIVERED.equalsIgnoreCase(stat);
    }

    /** ACCEPTD (and ENROUTE) are intermediate states, not an outcome. */
    public boolean isFinal() {
        return !ReceiptStates.isIntermediate(stat);
    }

    /**
     * Reads the 71-byte (3.0) or 60-byte (2.0) layout, chosen by length rather than by the link's version,
     * because some 3.0 gateways send the 2.0 report.
     */
    public static CmppReport decode(Octets content) {
        int length = content.length();
        if (length < V20_LENGTH) {
            throw new IllegalArgumentException("status report of " + length + " bytes, expected 60 or 71");
        }
        int terminalIdLength = length >= V30_LENGTH ? CmppVersion.V30.terminalIdLength()
                : CmppVersion.V20.terminalIdLength();
        ByteBuf in = content.asBuffer();
        return new CmppReport(in.readLong(), FixedStrings.read(in, 7), FixedStrings.read(in, 10),
                FixedStrings.read(in, 10), FixedStrings.read(in, terminalIdLength), in.readUnsignedInt());
    }

    public static Octets encode(CmppReport report, CmppVersion version) {
        ByteBuf out = Unpooled.buffer(version.reportLength());
        out.writeLong(report.msgId());
        FixedStrings.write(out, report.stat(), 7, "Stat");
        FixedStrings.write(out, report.submitTime(), 10, "Submit_time");
        FixedStrings.write(out, report.doneTime(), 10, "Done_time");
        FixedStrings.write(out, report.destTerminalId(), version.terminalIdLength(), "Dest_terminal_Id");
        out.writeInt((int) report.smscSequence());
        return Octets.of(out.array());
    }
}
