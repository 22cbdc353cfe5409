package org.sms1069.wire.sgip;

/** SGIP_BIND with plain-text credentials. LoginType 1: SP to SMG (submits); 2: SMG to SP (MO and reports). */
public record SgipBind(SgipSequence sequence, int loginType, String loginName, String loginPassword)
        implements SgipPdu {

    public static final int SP_TO_SMG = 1;
    public static final int SMG_TO_SP = 2;

    @Override
    public long commandId() {
        return SgipCommandIds.BIND;
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "SgipBind[sequence=" + sequence + ", loginType=" + loginType + ", loginName=" + loginName + "]";
    }
}
