package org.sms1069.wire.cmpp;

/**
 * The 64-bit CMPP Msg_Id: month(4) day(5) hour(5) minute(6) second(6) gateway(22) sequence(16), MSB first.
 * Treat it as an opaque unsigned key; these helpers exist for simulators, logs and tests.
 */
public final class CmppMsgIds {

    private CmppMsgIds() {
    }

    public static long compose(int month, int day, int hour, int minute, int second, int gatewayId, int sequence) {
        return (long) (month & 0xF) << 60 | (long) (day & 0x1F) << 55 | (long) (hour & 0x1F) << 50
                | (long) (minute & 0x3F) << 44 | (long) (second & 0x3F) << 38
                | (long) (gatewayId & 0x3FFFFF) << 16 | sequence & 0xFFFF;
    }

    public static int month(long id) {
        return (int) (id >>> 60 & 0xF);
    }

    public static int day(long id) {
        return (int) (id >>> 55 & 0x1F);
    }

    public static int hour(long id) {
        return (int) (id >>> 50 & 0x1F);
    }

    public static int minute(long id) {
        return (int) (id >>> 44 & 0x3F);
    }

    public static int second(long id) {
        return (int) (id >>> 38 & 0x3F);
    }

    public static int gatewayId(long id) {
        return (int) (id >>> 16 & 0x3FFFFF);
    }

    public static int sequence(long id) {
        return (int) (id & 0xFFFF);
    }

    /** Unsigned decimal: ids from August on have the top bit set and are negative as a Java long. */
    public static String toDecimal(long id) {
        return Long.toUnsignedString(id);
    }

    public static long parseDecimal(String decimal) {
        return Long.parseUnsignedLong(decimal);
    }
}
