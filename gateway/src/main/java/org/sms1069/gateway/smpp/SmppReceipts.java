package org.sms1069.gateway.smpp;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

import java.nio.charset.StandardCharsets;

/**
 * What a receipt deliver_sm says, read in the order SMPP 3.4 §5.3.2 allows a carrier to say it: the
 * {@code receipted_message_id}, {@code message_state} and {@code network_error_code} TLVs first, then the
 * Appendix B text in {@code message_payload}, then in {@code short_message}. A receipt that carries its state
 * only in TLVs has no text at all.
 */
final class SmppReceipts {
    /** message_state 1-8 as the receipt text spells them (§5.2.28). */
    private static final String[] STATES = {null, "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD",
            "UNKNOWN", "REJECTD"};

    private SmppReceipts() {
    }

    /** The id, stat and err of a receipt; the id is null when neither the TLV nor the text names one. */
    static SmppReceiptText read(DeliverSm deliverSm) {
        SmppReceiptText text = SmppReceiptText.parse(new String(text(deliverSm), StandardCharsets.ISO_8859_1));
        String id = octets(deliverSm, OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        String stat = state(deliverSm);
        String err = networkError(deliverSm);
        return new SmppReceiptText(id != null ? id : text.id(), stat != null ? stat : text.stat(),
                err != null ? err : text.err());
    }

    private static byte[] text(DeliverSm deliverSm) {
        OptionalParameter payload = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        if (payload instanceof OptionalParameter.OctetString octets && octets.getValue().length > 0) {
            return octets.getValue();
        }
        return deliverSm.getShortMessage() == null ? new byte[0] : deliverSm.getShortMessage();
    }

    private static String state(DeliverSm deliverSm) {
        OptionalParameter parameter = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
        if (parameter instanceof OptionalParameter.Byte state) {
            int value = state.getValue() & 0xFF;
            return value < STATES.length && STATES[value] != null ? STATES[value] : "STATE:" + value;
        }
        return null;
    }

    /** network_error_code: type (1 ANSI-136, 2 IS-95, 3 GSM) and a 2-byte code, kept as "type:code". */
    private static String networkError(DeliverSm deliverSm) {
        OptionalParameter parameter = deliverSm.getOptionalParameter(OptionalParameter.Tag.NETWORK_ERROR_CODE);
        if (parameter instanceof OptionalParameter.OctetString octets && octets.getValue().length == 3) {
            byte[] value = octets.getValue();
            return (value[0] & 0xFF) + ":" + ((value[1] & 0xFF) << 8 | value[2] & 0xFF);
        }
        return null;
    }

    static String octets(DeliverSm deliverSm, OptionalParameter.Tag tag) {
        if (deliverSm.getOptionalParameter(tag) instanceof OptionalParameter.OctetString octets) {
            String value = octets.getValueAsString().replace("\u0000", "").strip();
            return value.isEmpty() ? null : value;
        }
        return null;
    }
}
