package org.sms1069.filter.score;

/**
 * Hashes every character n-gram (1..{@link #MAX_N}) of a {@link ModelText} into {@code 2^bits}
 * buckets: FNV-1a grown one char at a time from each start, then a multiplicative mix. The
 * trainer and the run-time scorer both use this class, so an index means the same n-gram on
 * both sides. Stateless.
 */
public final class NgramHasher {

    public static final int MAX_N = 4;
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 16777619;
    private static final int MIX = 0x9E3779B1;

    /** Receives each n-gram occurrence: its bucket and model-text range [start, end). */
    @FunctionalInterface
    public interface Visitor {
        void ngram(int bucket, int start, int end);
    }

    private final int bits;
    private final int mask;

    public NgramHasher(int bits) {
        if (bits < 8 || bits > 28) {
            throw new IllegalArgumentException("bits must be 8..28: " + bits);
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
    }

    public int bits() {
        return bits;
    }

    /** How many n-grams {@link #forEach} visits for a text of this length. */
    public static int count(int length) {
        int total = 0;
        for (int n = 1; n <= MAX_N; n++) {
            total += Math.max(0, length - n + 1);
        }
        return total;
    }

    public void forEach(ModelText text, Visitor visitor) {
        char[] chars = text.chars();
        int length = text.length();
        for (int start = 0; start < length; start++) {
            int h = FNV_OFFSET;
            int end = Math.min(length, start + MAX_N);
            for (int i = start; i < end; i++) {
                h = (h ^ chars[i]) * FNV_PRIME;
                visitor.ngram(bucket(h), start, i + 1);
            }
        }
    }

    /** The sum of {@code weights} over every n-gram: the hot loop of the scorer, without a visitor. */
    public int sum(ModelText text, byte[] weights) {
        char[] chars = text.chars();
        int length = text.length();
        int sum = 0;
        for (int start = 0; start < length; start++) {
            int h = FNV_OFFSET;
            int end = Math.min(length, start + MAX_N);
            for (int i = start; i < end; i++) {
                h = (h ^ chars[i]) * FNV_PRIME;
                sum += weights[bucket(h)];
            }
        }
        return sum;
    }

    /** The bucket of a named feature that is not an n-gram (a rule id), kept apart by a prefix char. */
    public int bucketOf(String name) {
        int h = FNV_OFFSET;
        h = (h ^ '\u0001') * FNV_PRIME;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * FNV_PRIME;
        }
        return bucket(h);
    }

    private int bucket(int h) {
        return ((h * MIX) >>> (32 - bits)) & mask;
    }
}
