package org.sms1069.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Checks the platform's callback POSTs (README, "Callbacks"): {@code X-Sms-Signature} is lower-case hex
 * HMAC-SHA256, keyed with the app's callback secret, of {@code X-Sms-Timestamp + "\n" + body}. Verify the
 * raw body bytes before parsing them.
 */
public final class CallbackVerifier {
    public static final String TIMESTAMP = "X-Sms-Timestamp";
    public static final String SIGNATURE = "X-Sms-Signature";
    /** The README's limit: refuse timestamps more than 5 minutes from the receiver's clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    public CallbackVerifier(String callbackSecret) {
        this(callbackSecret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public CallbackVerifier(String callbackSecret, Duration tolerance, Clock clock) {
        this.secret = callbackSecret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The signature the platform sends for this timestamp and body. */
    public String expectedSignature(long timestamp, byte[] body) {
        return RequestSigner.hmacHex(secret, (timestamp + "\n").getBytes(StandardCharsets.UTF_8), body);
    }

    /**
     * @param timestampHeader the {@code X-Sms-Timestamp} header as received (null if missing)
     * @param signatureHeader the {@code X-Sms-Signature} header as received (null if missing)
     * @return true when the signature matches (compared in constant time) and the timestamp is within the tolerance
     */
    public boolean isValid(String timestampHeader, String signatureHeader, byte[] body) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        // compared, not subtracted: a hostile timestamp near Long.MIN_VALUE would overflow
        if (timestamp < now - tolerance.toSeconds() || timestamp > now + tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(expectedSignature(timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
