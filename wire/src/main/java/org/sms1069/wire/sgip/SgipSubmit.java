package org.sms1069.wire.sgip;

import org.sms1069.wire.codec.MessageContent;

import java.util.List;

/**
 * SGIP_SUBMIT. TP_udhi and MessageCoding travel in {@code content}. {@code chargeNumber} of 21 × '0' means the
 * SP pays; {@code feeType} is an integer here (0 send, 1 free, 2 per message, 3 monthly, 4 SP-charged).
 */
public record SgipSubmit(SgipSequence sequence, String spNumber, String chargeNumber, List<String> userNumbers,
                         String corpId, String serviceType, int feeType, String feeValue, String givenValue,
                         int agentFlag, int moRelateToMtFlag, int priority, String expireTime, String scheduleTime,
                         int reportFlag, int tpPid, int messageType, MessageContent content) implements SgipPdu {

    public static final String SP_PAYS = "000000000000000000000";

    public SgipSubmit {
        userNumbers = List.copyOf(userNumbers);
    }

    @Override
    public long commandId() {
        return SgipCommandIds.SUBMIT;
    }
}
