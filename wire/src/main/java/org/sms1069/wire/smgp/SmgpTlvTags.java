package org.sms1069.wire.smgp;

/** SMGP 3.0 TLV tags (reference §3.9). */
public final class SmgpTlvTags {

    public static final int TP_PID = 0x0001;
    public static final int TP_UDHI = 0x0002;
    public static final int LINK_ID = 0x0003;
    public static final int CHARGE_USER_TYPE = 0x0004;
    public static final int CHARGE_TERM_TYPE = 0x0005;
    public static final int CHARGE_TERM_PSEUDO = 0x0006;
    public static final int DEST_TERM_TYPE = 0x0007;
    public static final int DEST_TERM_PSEUDO = 0x0008;
    public static final int PK_TOTAL = 0x0009;
    public static final int PK_NUMBER = 0x000A;
    public static final int SUBMIT_MSG_TYPE = 0x000B;
    public static final int SP_DEAL_RESULT = 0x000C;
    public static final int SRC_TERM_TYPE = 0x000D;
    public static final int SRC_TERM_PSEUDO = 0x000E;
    public static final int NODES_COUNT = 0x000F;
    public static final int MSG_SRC = 0x0010;
    public static final int SRC_TYPE = 0x0011;
    public static final int M_SERVICE_ID = 0x0012;

    private SmgpTlvTags() {
    }
}
