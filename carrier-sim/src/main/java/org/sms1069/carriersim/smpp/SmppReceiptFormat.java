package org.sms1069.carriersim.smpp;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jsmpp.bean.OptionalParameter.Message_state.Message_state_enum;
import org.sms1069.carriersim.receipt.DeliveryOutcome;

/** How an SMPP 3.4 SMSC spells a delivery receipt: the de-facto standard text and message_state. */
final class SmppReceiptFormat {
    /** Chinese carriers stamp receipts in China Standard Time. */
    static final ZoneId RECEIPT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(RECEIPT_ZONE);
    private static final int TEXT_EXCERPT_LENGTH = 20;

    private SmppReceiptFormat() {
    }

    static String text(String messageId, Instant submitted, Instant done, DeliveryOutcome outcome, String originalText) {
        return "id:" + messageId
                + " sub:001"
                + " dlvrd:" + (outcome.delivered() ? "001" : "000")
                + " submit date:" + RECEIPT_DATE.format(submitted)
                + " done date:" + RECEIPT_DATE.format(done)
                + " stat:" + outcome.stat()
                + " err:" + outcome.error()
                + " text:" + excerpt(originalText);
    }

    static Message_state_enum messageState(DeliveryOutcome outcome) {
        return switch (outcome.stat()) {
            case "DELIVRD" -> Message_state_enum.DELIVERED;
            case "ENROUTE" -> Message_state_enum.ENROUTE;
            case "EXPIRED" -> Message_state_enum.EXPIRED;
            case "DELETED" -> Message_state_enum.DELETED;
            case "ACCEPTD" -> Message_state_enum.ACCEPTED;
            case "UNKNOWN" -> Message_state_enum.UNKNOWN;
            case "REJECTD" -> Message_state_enum.REJECTED;
            default -> Message_state_enum.UNDELIVERABLE;
        };
    }

    /**
     * The receipt travels in the default alphabet, so characters outside printable ASCII
     * (all of a Chinese text) become '?': parsers must not meet NULs or multi-byte garbage.
     */
    private static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder excerpt = new StringBuilder(TEXT_EXCERPT_LENGTH);
        text.codePoints().limit(TEXT_EXCERPT_LENGTH)
                .forEach(c -> excerpt.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return excerpt.toString();
    }
}
