package org.sms1069.wire.sgip;

import io.netty.buffer.ByteBuf;

/**
 * The 12-byte SGIP sequence number: the creating node's id, its {@code mmddhhmmss} time as a number and a
 * counter, each an unsigned 32-bit value. The triple of a SUBMIT is also the key its REPORT comes back with.
 */
public record SgipSequence(long nodeId, long time, long counter) {

    public static final int LENGTH = 12;

    public SgipSequence {
        checkUnsigned(nodeId, "nodeId");
        checkUnsigned(time, "time");
        checkUnsigned(counter, "counter");
    }

    public static SgipSequence read(ByteBuf in) {
        return new SgipSequence(in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
    }

    public void writeTo(ByteBuf out) {
        out.writeInt((int) nodeId);
        out.writeInt((int) time);
        out.writeInt((int) counter);
    }

    /**
     * The canonical print, e.g. {@code 3027012345-0321120000-7}: a SUBMIT's sequence printed so is its carrier
     * message id, and the REPORT naming that SUBMIT prints the same.
     */
    public String messageId() {
        return nodeId + "-" + String.format("%010d", time) + "-" + counter;
    }

    @Override
    public String toString() {
        return messageId();
    }

    private static void checkUnsigned(long value, String name) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " is not an unsigned 32-bit value: " + value);
        }
    }
}
