package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.Octets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status report text of an SMGP Deliver with IsReport = 1:
 * {@code id:<10 raw bytes> sub:001 dlvrd:001 Submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000
 * Text:...}. {@code id} is the MsgID of the earlier Submit_Resp; the original-text excerpt is not kept.
 */
public record SmgpReport(SmgpMsgId id, String sub, String dlvrd, String submitDate, String doneDate, String stat,
                         String err) {

    public static final String DELIVERED = "DELIVRD";

    private static final byte[] ID_LABEL = "id:".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern HEX_ID = Pattern.compile("[0-9A-Fa-f]{20}(?=\\s|$)");
    private static final Pattern SUB = field("sub");
    private static final Pattern DLVRD = field("dlvrd");
    private static final Pattern SUBMIT_DATE = field("submit[ _]?date");
    private static final Pattern DONE_DATE = field("done[ _]?date");
    private static final Pattern STAT = field("stat");
    private static final Pattern ERR = field("err");

    public boolean isDelivered() {
        return DELIVERED.equalsIgnoreCase(stat);
    }

    /**
     * Parses leniently: labels in any case and order, values of any width, NUL padding ignored. The id is
     * the 10 raw bytes after {@code id:}, or 20 hex digits if a gateway sends it as text (reference §7-8).
     */
    public static SmgpReport decode(Octets content) {
        byte[] bytes = content.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (hasStandardLayout(text)) {
            return new SmgpReport(new SmgpMsgId(content.slice(3, 13)), fixed(text, 18, 21), fixed(text, 28, 31),
                    fixed(text, 44, 54), fixed(text, 65, 75), fixed(text, 81, 88), fixed(text, 93, 96));
        }
        int idStart = text.toLowerCase(Locale.ROOT).indexOf("id:");
        if (idStart < 0) {
            throw new IllegalArgumentException("status report without id:");
        }
        idStart += ID_LABEL.length;
        SmgpMsgId id;
        int rest;
        Matcher hex = HEX_ID.matcher(text).region(idStart, text.length());
        if (hex.lookingAt()) {
            id = SmgpMsgId.of(hex.group());
            rest = hex.end();
        } else if (idStart + SmgpMsgId.LENGTH <= bytes.length) {
            id = new SmgpMsgId(content.slice(idStart, idStart + SmgpMsgId.LENGTH));
            rest = idStart + SmgpMsgId.LENGTH;
        } else {
            throw new IllegalArgumentException("status report id is cut short");
        }
        String fields = text.substring(rest);
        String stat = value(STAT, fields);
        if (stat.isEmpty()) {
            throw new IllegalArgumentException("status report without stat:");
        }
        return new SmgpReport(id, value(SUB, fields), value(DLVRD, fields), value(SUBMIT_DATE, fields),
                value(DONE_DATE, fields), stat, value(ERR, fields));
    }

    /** The 122-byte form of reference §3.7, with an empty original-text excerpt. */
    public static Octets encode(SmgpReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(122);
        out.writeBytes(ID_LABEL);
        out.writeBytes(report.id().bytes().toByteArray());
        ascii(out, " sub:", report.sub(), 3);
        ascii(out, " dlvrd:", report.dlvrd(), 3);
        ascii(out, " Submit date:", report.submitDate(), 10);
        ascii(out, " done date:", report.doneDate(), 10);
        ascii(out, " stat:", report.stat(), 7);
        ascii(out, " err:", report.err(), 3);
        ascii(out, " Text:", "000", 20);
        return Octets.of(out.toByteArray());
    }

    /** The labels of reference §3.7 at their fixed offsets, in any case: the common, fast case. */
    private static boolean hasStandardLayout(String text) {
        return text.length() >= 96 && text.regionMatches(true, 0, "id:", 0, 3)
                && text.regionMatches(true, 13, " sub:", 0, 5) && text.regionMatches(true, 21, " dlvrd:", 0, 7)
                && text.regionMatches(true, 31, " submit date:", 0, 13)
                && text.regionMatches(true, 54, " done date:", 0, 11) && text.regionMatches(true, 75, " stat:", 0, 6)
                && text.regionMatches(true, 88, " err:", 0, 5);
    }

    private static String fixed(String text, int from, int to) {
        int end = to;
        while (end > from && (text.charAt(end - 1) == 0 || text.charAt(end - 1) == ' ')) {
            end--;
        }
        return text.substring(from, end);
    }

    private static Pattern field(String label) {
        return Pattern.compile("(?i)(?:^|\\s)" + label + ":\\s*([^\\s\\x00]*)");
    }

    private static String value(Pattern pattern, String fields) {
        Matcher matcher = pattern.matcher(fields);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void ascii(ByteArrayOutputStream out, String label, String value, int width) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > width) {
            throw new IllegalArgumentException(label.trim() + " holds " + width + " characters");
        }
        out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.writeBytes(new byte[width - bytes.length]);
    }
}
