package org.sms1069.wire.smgp;

/** SMGP 3.0 RequestID values used by an SP. */
public final class SmgpCommandIds {

    public static final long LOGIN = 0x0000_0001L;
    public static final long LOGIN_RESP = 0x8000_0001L;
    public static final long SUBMIT = 0x0000_0002L;
    public static final long SUBMIT_RESP = 0x8000_0002L;
    public static final long DELIVER = 0x0000_0003L;
    public static final long DELIVER_RESP = 0x8000_0003L;
    public static final long ACTIVE_TEST = 0x0000_0004L;
    public static final long ACTIVE_TEST_RESP = 0x8000_0004L;
    public static final long EXIT = 0x0000_0006L;
    public static final long EXIT_RESP = 0x8000_0006L;

    private SmgpCommandIds() {
    }
}
