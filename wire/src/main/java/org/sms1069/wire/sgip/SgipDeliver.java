package org.sms1069.wire.sgip;

import org.sms1069.wire.codec.MessageContent;

/** SGIP_DELIVER: an MO message from {@code userNumber} ("86…") to {@code spNumber} (plus extension). */
public record SgipDeliver(SgipSequence sequence, String userNumber, String spNumber, int tpPid,
                          MessageContent content) implements SgipPdu {

    @Override
    public long commandId() {
        return SgipCommandIds.DELIVER;
    }
}
