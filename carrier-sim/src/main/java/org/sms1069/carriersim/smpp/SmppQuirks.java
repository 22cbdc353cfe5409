package org.sms1069.carriersim.smpp;

/**
 * Ways real SMSCs send what SMPP 3.4 allows but the plain path does not show, each off by default
 * ({@link SmppSimulator#quirks(SmppQuirks)}).
 *
 * @param receiptsByTlvOnly  receipts carry their id and state in receipted_message_id and message_state only, with an
 *                           empty short_message
 * @param moInPayload        MO text travels in message_payload (the whole message, unsplit), short_message empty
 * @param moGsm7             MO text in the GSM 03.38 default alphabet (data_coding 0, unpacked septets)
 * @param intermediateStates an ENROUTE receipt goes before each final one
 */
public record SmppQuirks(boolean receiptsByTlvOnly, boolean moInPayload, boolean moGsm7, boolean intermediateStates) {

    public static final SmppQuirks NONE = new SmppQuirks(false, false, false, false);
}
