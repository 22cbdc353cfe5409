package org.sms1069.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One fuzz case: frames written back to back, then cut into reads of the given sizes (what is left after the last
 * size arrives in one more read), as TCP may split and merge them.
 */
public record FuzzInput(List<byte[]> frames, List<Integer> readSizes) {

    public FuzzInput {
        frames = List.copyOf(frames);
        readSizes = List.copyOf(readSizes);
    }

    public byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The stream as the reads that deliver it; none is empty. */
    public List<byte[]> reads() {
        byte[] stream = stream();
        List<byte[]> reads = new ArrayList<>();
        int at = 0;
        for (int size : readSizes) {
            if (at + size >= stream.length) {
                break;
            }
            reads.add(java.util.Arrays.copyOfRange(stream, at, at + size));
            at += size;
        }
        if (at < stream.length) {
            reads.add(java.util.Arrays.copyOfRange(stream, at, stream.length));
        }
        return reads;
    }

    /** Hex frames, so that a failing case can be copied into a byte-for-byte regression test. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "FuzzInput[frames=" + frames.stream().map(hex::formatHex).toList() + ", readSizes=" + readSizes + "]";
    }
}
