package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;

/**
 * SMGP Deliver: an MO message, or a status report when {@code isReport} is 1 (read it with {@link #report()}).
 * {@code recvTime} is YYYYMMDDHHMMSS.
 */
public record SmgpDeliver(long sequenceId, SmgpMsgId msgId, int isReport, String recvTime, String srcTermId,
                          String destTermId, MessageContent content, SmgpTlvs options) implements SmgpPdu {

    public static SmgpDeliver ofReport(long sequenceId, SmgpMsgId msgId, String recvTime, String srcTermId,
                                       String destTermId, SmgpReport report) {
        return new SmgpDeliver(sequenceId, msgId, 1, recvTime, srcTermId, destTermId,
                new MessageContent(MessageFormat.ASCII, false, SmgpReport.encode(report)), SmgpTlvs.EMPTY);
    }

    public boolean isStatusReport() {
        return isReport == 1;
    }

    /**
     * Parses the report text in the content.
     *
     * @throws IllegalStateException when this Deliver is not a report
     */
    public SmgpReport report() {
        if (!isStatusReport()) {
            throw new IllegalStateException("not a status report");
        }
        return SmgpReport.decode(content.bytes());
    }

    @Override
    public long commandId() {
        return SmgpCommandIds.DELIVER;
    }
}
