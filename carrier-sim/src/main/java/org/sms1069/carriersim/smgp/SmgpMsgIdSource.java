package org.sms1069.carriersim.smgp;

import org.sms1069.wire.smgp.SmgpMsgId;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** MsgIDs laid out as the spec says: SMGW code (6 digits), MMDDHHMM, then a 6-digit sequence that wraps. */
final class SmgpMsgIdSource {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMddHHmm");
    private static final int SEQUENCES = 1_000_000;

    private final String gatewayCode;
    private int sequence;

    SmgpMsgIdSource(String gatewayCode) {
        this.gatewayCode = gatewayCode;
    }

    synchronized SmgpMsgId next() {
        sequence = (sequence + 1) % SEQUENCES;
        return SmgpMsgId.of(gatewayCode + ZonedDateTime.now(ZONE).format(TIME) + String.format("%06d", sequence));
    }
}
