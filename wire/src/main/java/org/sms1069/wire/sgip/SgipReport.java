package org.sms1069.wire.sgip;

/**
 * SGIP_REPORT: the outcome of the SUBMIT whose sequence was {@code submitSequence}, for {@code userNumber}.
 * {@code state} 0 delivered, 1 waiting, 2 failed (then {@code errorCode} explains, see {@link SgipResultCodes}).
 */
public record SgipReport(SgipSequence sequence, SgipSequence submitSequence, int reportType, String userNumber,
                         int state, int errorCode) implements SgipPdu {

    public static final int DELIVERED = 0;
    public static final int WAITING = 1;
    public static final int FAILED = 2;

    public boolean isDelivered() {
        return state == DELIVERED;
    }

    public boolean isFinal() {
        return state != WAITING;
    }

    @Override
    public long commandId() {
        return SgipCommandIds.REPORT;
    }
}
