package org.sms1069.wire.sgip;

/** SGIP 1.2 CommandID values used by an SP. */
public final class SgipCommandIds {

    public static final long BIND = 0x0000_0001L;
    public static final long BIND_RESP = 0x8000_0001L;
    public static final long UNBIND = 0x0000_0002L;
    public static final long UNBIND_RESP = 0x8000_0002L;
    public static final long SUBMIT = 0x0000_0003L;
    public static final long SUBMIT_RESP = 0x8000_0003L;
    public static final long DELIVER = 0x0000_0004L;
    public static final long DELIVER_RESP = 0x8000_0004L;
    public static final long REPORT = 0x0000_0005L;
    public static final long REPORT_RESP = 0x8000_0005L;
    public static final long USERRPT = 0x0000_0011L;
    public static final long USERRPT_RESP = 0x8000_0011L;

    /** Length, CommandID and the 12-byte sequence number. */
    public static final int HEADER_LENGTH = 20;

    private SgipCommandIds() {
    }
}
