package org.sms1069.gateway.link;

import org.sms1069.model.Carrier;
import org.sms1069.model.event.MoMessage;

import java.time.Instant;

/**
 * Makes what a carrier sent safe to keep: a carrier's bad data must not wedge a Kafka consumer or a database
 * insert downstream. Drops NUL and the other control characters (single-line values lose tab and line breaks too),
 * lone surrogates and the non-characters U+FFFE / U+FFFF, and cuts each value to the column that stores it (api's
 * Flyway migrations), never between the two halves of a surrogate pair.
 */
public final class InboundValues {
    /** {@code message_events.raw_stat} and {@code messages.raw_stat}. */
    public static final int STAT_COLUMN = 32;
    /** {@code message_events.detail} and {@code messages.detail}, where a receipt's error code ends up. */
    public static final int ERROR_COLUMN = 200;
    /** {@code message_events.carrier_msg_id} and {@code mo_messages.carrier_msg_id}. */
    public static final int CARRIER_ID_COLUMN = 64;
    /** {@code mo_messages.phone}. */
    public static final int PHONE_COLUMN = 20;
    /** {@code mo_messages.destination}. */
    public static final int DESTINATION_COLUMN = 21;
    /** {@code mo_messages.carrier_link_id}: the LinkID field of CMPP 3.0 and of SMGP's TLV is 20 octets. */
    public static final int CARRIER_LINK_ID_WIDTH = 20;
    /**
     * {@code mo_messages.text} is unbounded; a reply longer than any handset sends (a long MO of 255 parts is
     * under 17 000 characters, real ones a few hundred) is cut here so that one record stays small.
     */
    public static final int MO_TEXT_LIMIT = 2_000;

    private InboundValues() {
    }

    /** An MO with every field made safe. */
    public static MoMessage mo(String phone, String destination, String text, Carrier carrier, String linkId, Instant at,
                               String carrierMessageId, String carrierLinkId) {
        return new MoMessage(MoMessage.VERSION, line(phone, PHONE_COLUMN), line(destination, DESTINATION_COLUMN),
                text(text, MO_TEXT_LIMIT), carrier, linkId, at, line(carrierMessageId, CARRIER_ID_COLUMN),
                carrierLinkId(carrierLinkId));
    }

    /**
     * A carrier's LinkID as it can be sent back: printable ASCII of at most 20 characters, else null. A LinkID is the
     * carrier's token, echoed byte for byte: one cut or cleaned would be wrong, and one that the field cannot hold
     * would fail the reply's submit, so such a value (and a blank one) is dropped whole.
     */
    public static String carrierLinkId(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > CARRIER_LINK_ID_WIDTH) {
            return null;
        }
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) < 0x20 || raw.charAt(i) > 0x7E) {
                return null;
            }
        }
        return raw;
    }

    /** A single-line value (id, phone, code): no control characters at all, no surrounding blanks, at most {@code max}. */
    public static String line(String raw, int max) {
        return raw == null ? null : cut(clean(raw, false).strip(), max);
    }

    /** Free text: keeps tab, line feed and carriage return; at most {@code max} characters. */
    public static String text(String raw, int max) {
        return raw == null ? null : cut(clean(raw, true), max);
    }

    private static String clean(String raw, boolean keepLayout) {
        StringBuilder kept = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1));
            boolean keep = pair || allowed(c, keepLayout);
            if (!keep && kept == null) {
                kept = new StringBuilder(raw.length()).append(raw, 0, i);
            }
            if (keep && kept != null) {
                kept.append(c);
                if (pair) {
                    kept.append(raw.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return kept == null ? raw : kept.toString();
    }

    private static boolean allowed(char c, boolean keepLayout) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return keepLayout;
        }
        return !Character.isISOControl(c) && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    }

    private static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
