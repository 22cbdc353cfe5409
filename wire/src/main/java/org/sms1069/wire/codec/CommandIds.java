package org.sms1069.wire.codec;

/** Command id conventions common to the three protocols: a response is the request id with bit 31 set. */
public final class CommandIds {

    public static final long RESPONSE_BIT = 0x8000_0000L;

    private CommandIds() {
    }

    public static boolean isResponse(long commandId) {
        return (commandId & RESPONSE_BIT) != 0;
    }

    public static long responseTo(long requestId) {
        return requestId | RESPONSE_BIT;
    }

    public static String hex(long commandId) {
        return String.format("0x%08X", commandId);
    }
}
