package org.sms1069.wire.cmpp;

import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.Octets;

/**
 * CMPP_DELIVER: an MO message, or a status report when {@code registeredDelivery} is not 0 (the spec says 1;
 * gateways that send other non-zero values mean a report too, as SMSGate reads it) (then
 * {@code content} holds the report, read it with {@link #report()}). {@code srcTerminalType} exists in 3.0 only;
 * {@code linkId} is LinkID in 3.0 and Reserved in 2.0.
 */
public record CmppDeliver(long sequenceId, long msgId, String destId, String serviceId, int tpPid,
                          String srcTerminalId, int srcTerminalType, int registeredDelivery,
                          MessageContent content, String linkId) implements CmppPdu {

    /** A status-report DELIVER, with the report laid out for {@code version}. */
    public static CmppDeliver ofReport(long sequenceId, long msgId, String destId, String serviceId,
                                       CmppReport report, CmppVersion version) {
        Octets bytes = CmppReport.encode(report, version);
        return new CmppDeliver(sequenceId, msgId, destId, serviceId, 0, report.destTerminalId(), 0, 1,
                new MessageContent(MessageFormat.ASCII, false, bytes), "");
    }

    public boolean isReport() {
        return registeredDelivery != 0;
    }

    /**
     * Parses the report in the content (60- or 71-byte layout, chosen by length).
     *
     * @throws IllegalStateException when this DELIVER is not a report
     */
    public CmppReport report() {
        if (!isReport()) {
            throw new IllegalStateException("not a status report");
        }
        return CmppReport.decode(content.bytes());
    }

    @Override
    public long commandId() {
        return CmppCommandIds.DELIVER;
    }
}
