package org.sms1069.wire.cmpp;

/** CMPP Command_Id values (identical in 2.0 and 3.0). */
public final class CmppCommandIds {

    public static final long CONNECT = 0x0000_0001L;
    public static final long CONNECT_RESP = 0x8000_0001L;
    public static final long TERMINATE = 0x0000_0002L;
    public static final long TERMINATE_RESP = 0x8000_0002L;
    public static final long SUBMIT = 0x0000_0004L;
    public static final long SUBMIT_RESP = 0x8000_0004L;
    public static final long DELIVER = 0x0000_0005L;
    public static final long DELIVER_RESP = 0x8000_0005L;
    public static final long QUERY = 0x0000_0006L;
    public static final long CANCEL = 0x0000_0007L;
    public static final long ACTIVE_TEST = 0x0000_0008L;
    public static final long ACTIVE_TEST_RESP = 0x8000_0008L;

    private CmppCommandIds() {
    }
}
