package org.sms1069.wire.sgip;

/** SGIP_USERRPT: a user's state changed (0 deregistered, 1 suspended for arrears, 2 back to normal). */
public record SgipUserRpt(SgipSequence sequence, String spNumber, String userNumber, int userCondition)
        implements SgipPdu {

    @Override
    public long commandId() {
        return SgipCommandIds.USERRPT;
    }
}
