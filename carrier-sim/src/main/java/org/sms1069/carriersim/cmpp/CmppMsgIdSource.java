package org.sms1069.carriersim.cmpp;

import org.sms1069.wire.cmpp.CmppMsgIds;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Msg_Ids laid out as the spec says (time, ISMG code, 16-bit sequence). A submit to N recipients takes N
 * consecutive ids: the SUBMIT_RESP carries the first, the reports X, X+1, ... (spec appendix 1).
 */
final class CmppMsgIdSource {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final int gatewayId;
    private int sequence;

    CmppMsgIdSource(int gatewayId) {
        this.gatewayId = gatewayId;
    }

    synchronized long next(int count) {
        LocalDateTime now = LocalDateTime.now(ZONE);
        long first = CmppMsgIds.compose(now.getMonthValue(), now.getDayOfMonth(), now.getHour(), now.getMinute(),
                now.getSecond(), gatewayId, sequence);
        // keep X..X+count-1 inside the 16-bit sequence field
        sequence = sequence + count > 0xFFFF ? 0 : sequence + count;
        return first;
    }
}
