package org.sms1069.model.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The key under which the gateway submits a part to a recipient once ({@code base:segment:attempt}): a new attempt is
 * a new key, and so is the same message sent again on another carrier after a portability receipt
 * ({@code id~np1:segment:attempt}). A batch of recipients gets a key of its own ({@code b-<digest>:segment:attempt}),
 * while each recipient keeps its own key inside the batch ({@link Recipient#dedupKey()}).
 *
 * @param base a message id, with {@code ~np<n>} when the message was re-routed n times, or a batch's digest
 */
public record PartKey(String base, int segment, int attempt) {
    private static final String REROUTE = "~np";
    private static final String BATCH = "b-";
    private static final char SEPARATOR = ':';

    public PartKey {
        if (base == null || base.isEmpty() || segment < 1 || attempt < 1) {
            throw new IllegalArgumentException("not a part key: " + base + SEPARATOR + segment + SEPARATOR + attempt);
        }
    }

    /** A message's part; {@code reroute} counts how often the message was sent again on another carrier. */
    public static PartKey of(String messageId, int reroute, int segment, int attempt) {
        return new PartKey(reroute > 0 ? messageId + REROUTE + reroute : messageId, segment, attempt);
    }

    /** A batch of the given members' parts: the same members, in the same order, give the same key. */
    public static PartKey batch(List<String> memberKeys, int segment, int attempt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            memberKeys.forEach(k -> sha.update((k + "\n").getBytes(StandardCharsets.UTF_8)));
            return new PartKey(BATCH + HexFormat.of().formatHex(sha.digest(), 0, 12), segment, attempt);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a key as {@link #toString()} writes it. */
    public static PartKey parse(String key) {
        int attemptAt = key.lastIndexOf(SEPARATOR);
        int segmentAt = attemptAt > 0 ? key.lastIndexOf(SEPARATOR, attemptAt - 1) : -1;
        if (segmentAt <= 0) {
            throw new IllegalArgumentException("not a part key: " + key);
        }
        try {
            return new PartKey(key.substring(0, segmentAt), Integer.parseInt(key.substring(segmentAt + 1, attemptAt)),
                    Integer.parseInt(key.substring(attemptAt + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a part key: " + key, e);
        }
    }

    /** The same part's next (or any) attempt. */
    public PartKey withAttempt(int next) {
        return new PartKey(base, segment, next);
    }

    @Override
    public String toString() {
        return base + SEPARATOR + segment + SEPARATOR + attempt;
    }
}
