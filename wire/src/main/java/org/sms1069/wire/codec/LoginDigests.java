package org.sms1069.wire.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The MD5 login digests of CMPP and SMGP, which differ only in the number of zero bytes, and the
 * {@code MMDDHHMMSS} timestamp both send as a number.
 */
public final class LoginDigests {

    /** The specs name no time zone; gateways are in China, as SGIP's {@code 032+} convention says. */
    public static final ZoneId GATEWAY_ZONE = ZoneId.of("Asia/Shanghai");

    private LoginDigests() {
    }

    /** {@code MD5(account ‖ zeros × 0x00 ‖ secret ‖ ts10)}, with the raw (unpadded) account, see reference §7-4. */
    public static Octets client(String account, int zeros, String secret, long timestamp) {
        MessageDigest md5 = md5();
        md5.update(account.getBytes(StandardCharsets.US_ASCII));
        md5.update(new byte[zeros]);
        md5.update(secret.getBytes(StandardCharsets.US_ASCII));
        md5.update(ts10(timestamp).getBytes(StandardCharsets.US_ASCII));
        return Octets.of(md5.digest());
    }

    /** {@code MD5(status ‖ clientDigest ‖ secret)} with the status as {@code statusWidth} big-endian bytes. */
    public static Octets server(long status, int statusWidth, Octets clientDigest, String secret) {
        MessageDigest md5 = md5();
        byte[] statusBytes = ByteBuffer.allocate(8).putLong(status).array();
        md5.update(statusBytes, 8 - statusWidth, statusWidth);
        md5.update(clientDigest.toByteArray());
        md5.update(secret.getBytes(StandardCharsets.US_ASCII));
        return Octets.of(md5.digest());
    }

    /** The numeric {@code MMDDHHMMSS} of a wall-clock time, e.g. 1 Mar 00:00:00 is 301000000. */
    public static long timestamp(LocalDateTime time) {
        return time.getMonthValue() * 100_000_000L + time.getDayOfMonth() * 1_000_000L
                + time.getHour() * 10_000L + time.getMinute() * 100L + time.getSecond();
    }

    public static long timestampNow() {
        return timestamp(ZonedDateTime.now(GATEWAY_ZONE).toLocalDateTime());
    }

    /** The timestamp as the 10-character zero-padded string that goes into the digest. */
    public static String ts10(long timestamp) {
        return String.format("%010d", timestamp);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }
}
