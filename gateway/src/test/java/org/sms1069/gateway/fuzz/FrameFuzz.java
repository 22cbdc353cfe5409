package org.sms1069.gateway.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzz input for a length-prefixed protocol: random frames, and valid frames (built with the protocol's own encoder)
 * with bytes flipped, lengths made wrong or huge, bodies cut short or padded, command ids swapped; up to four of them
 * in one stream, delivered in reads of random sizes.
 */
public final class FrameFuzz {
    private static final int MAX_FRAMES = 4;
    private static final int MAX_RANDOM_BODY = 300;

    private FrameFuzz() {
    }

    /** Streams of random, valid and mutated frames in random reads. */
    public static Arbitrary<FuzzInput> inputs(WireFormat format, Arbitrary<byte[]> validFrames) {
        Arbitrary<byte[]> frame = Arbitraries.frequencyOf(
                Tuple.of(2, validFrames),
                Tuple.of(5, mutated(format, validFrames)),
                Tuple.of(3, random(format)));
        Arbitrary<List<Integer>> reads = Arbitraries.integers().between(1, 80).list().ofMaxSize(6);
        return Combinators.combine(frame.list().ofMinSize(1).ofMaxSize(MAX_FRAMES), reads).as(FuzzInput::new);
    }

    /** Frames with a plausible header (a known command id, a consistent length, mostly) and a random body; or noise. */
    public static Arbitrary<byte[]> random(WireFormat format) {
        Arbitrary<Long> commandId = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(format.commandIds())),
                Tuple.of(1, Arbitraries.integers().map(Integer::toUnsignedLong)));
        Arbitrary<byte[]> rest = bytes(format.headerLength() - 8, format.headerLength() - 8);
        Arbitrary<byte[]> body = bytes(0, MAX_RANDOM_BODY);
        Arbitrary<Integer> length = Arbitraries.integers().injectNull(0.7); // null: the consistent length
        Arbitrary<byte[]> framed = Combinators.combine(length, commandId, rest, body).as((declared, command, header, payload) -> {
            int total = 8 + header.length + payload.length;
            return ByteBuffer.allocate(total).putInt(declared == null ? total : declared).putInt((int) (long) command)
                    .put(header).put(payload).array();
        });
        return Arbitraries.frequencyOf(Tuple.of(5, framed), Tuple.of(1, bytes(1, 64)));
    }

    /** A valid frame with one to three edits. */
    public static Arbitrary<byte[]> mutated(WireFormat format, Arbitrary<byte[]> validFrames) {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(Mutation.class), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers()).as(Edit::new);
        return Combinators.combine(validFrames, edit.list().ofMinSize(1).ofMaxSize(3)).as((frame, edits) -> {
            byte[] mutated = frame;
            for (Edit e : edits) {
                mutated = e.applyTo(mutated, format);
            }
            return mutated;
        });
    }

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    /** What an edit does to a frame. */
    enum Mutation {
        /** XOR one byte with a non-zero mask. */
        FLIP,
        /** Set one byte to 00, FF, 7F, 80 or a random value. */
        SET,
        /** A random 32-bit length. */
        LENGTH_RANDOM,
        /** A length far beyond any frame: 2^31 - 1, 2^32 - 1, 2^31, 64 KiB, the maximum + 1. */
        LENGTH_HUGE,
        /** A length below the header. */
        LENGTH_BELOW_HEADER,
        /** The length off by up to 16 either way. */
        LENGTH_OFF,
        /** The body cut short, the length made to match. */
        TRUNCATE,
        /** Bytes cut off the end, the length left as it was. */
        CUT,
        /** Random bytes appended, the length made to match. */
        EXTEND,
        /** Another command id of the protocol over this body. */
        COMMAND
    }

    /** One edit: {@code where} picks a position or an option, {@code value} a byte, length or seed. */
    record Edit(Mutation kind, int where, int value) {

        byte[] applyTo(byte[] frame, WireFormat format) {
            if (frame.length < 8) {
                return frame;
            }
            byte[] out = frame.clone();
            ByteBuffer wire = ByteBuffer.wrap(out);
            int header = format.headerLength();
            switch (kind) {
                case FLIP -> out[where % out.length] ^= (byte) (value | 1);
                case SET -> out[where % out.length] = (byte) new int[] {0x00, 0xFF, 0x7F, 0x80, value}[where % 5];
                case LENGTH_RANDOM -> wire.putInt(0, value);
                case LENGTH_HUGE -> wire.putInt(0, new int[] {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 65_536,
                        format.maxFrameLength() + 1}[where % 5]);
                case LENGTH_BELOW_HEADER -> wire.putInt(0, where % header);
                case LENGTH_OFF -> wire.putInt(0, out.length + value % 17);
                case TRUNCATE -> {
                    if (out.length <= header) {
                        return out;
                    }
                    out = Arrays.copyOf(out, header + where % (out.length - header));
                    ByteBuffer.wrap(out).putInt(0, out.length);
                }
                case CUT -> out = Arrays.copyOf(out, where % out.length);
                case EXTEND -> {
                    byte[] junk = new byte[1 + where % 64];
                    new SplittableRandom(value).nextBytes(junk);
                    out = Arrays.copyOf(out, out.length + junk.length);
                    System.arraycopy(junk, 0, out, frame.length, junk.length);
                    ByteBuffer.wrap(out).putInt(0, out.length);
                }
                case COMMAND -> wire.putInt(4, (int) (long) format.commandIds().get(where % format.commandIds().size()));
                default -> throw new IllegalStateException(kind.name());
            }
            return out;
        }
    }
}
