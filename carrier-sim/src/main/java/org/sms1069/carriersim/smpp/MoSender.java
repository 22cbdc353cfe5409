package org.sms1069.carriersim.smpp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jsmpp.bean.OptionalParameter;
import org.sms1069.wire.codec.Gsm7;
import org.sms1069.model.phone.PhoneNumbers;
import org.sms1069.model.segment.Segments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a handset's message (MO) to the platform as UCS2 deliver_sm, split with a 6-byte UDH when long; or, as the
 * {@link SmppQuirks} say, whole in message_payload and/or in the GSM default alphabet.
 */
final class MoSender {
    private static final Logger log = LoggerFactory.getLogger(MoSender.class);
    private static final int ESM_CLASS_DEFAULT = 0x00;

    private final DeliverSmSender sender;
    private final SmppCounters counters;
    private final String systemId;
    private final AtomicInteger nextReference = new AtomicInteger();
    private final Supplier<SmppQuirks> quirks;

    MoSender(DeliverSmSender sender, SmppCounters counters, String systemId, Supplier<SmppQuirks> quirks) {
        this.quirks = quirks;
        this.sender = sender;
        this.counters = counters;
        this.systemId = systemId;
    }

    /** @throws IllegalStateException when no receiver is bound or the platform refused a part */
    void send(String from, String to, String text) {
        SmppQuirks now = quirks.get();
        if (now.moInPayload() || now.moGsm7()) {
            sendWhole(from, to, text, now);
            return;
        }
        List<String> parts = Segments.split(text);
        int reference = nextReference.getAndIncrement() & 0xFF;
        for (int i = 0; i < parts.size(); i++) {
            OutboundDeliverSm pdu = parts.size() == 1
                    ? new OutboundDeliverSm(from, to, ESM_CLASS_DEFAULT, ShortMessageDecoder.DATA_CODING_UCS2, ucs2(parts.get(i)))
                    : new OutboundDeliverSm(from, to, ShortMessageDecoder.ESM_CLASS_UDHI, ShortMessageDecoder.DATA_CODING_UCS2,
                            withUdh(reference, parts.size(), i + 1, ucs2(parts.get(i))));
            if (!sender.send(systemId, pdu)) {
                throw new IllegalStateException("MO part " + (i + 1) + "/" + parts.size() + " was not delivered: no receiver bound or it refused");
            }
        }
        counters.moSent();
        log.info("MO from {} to {} delivered in {} part(s)", PhoneNumbers.mask(from), PhoneNumbers.mask(to), parts.size());
    }

    /** One deliver_sm for the whole text: in message_payload, and/or in the GSM default alphabet. */
    private void sendWhole(String from, String to, String text, SmppQuirks now) {
        int dataCoding = now.moGsm7() ? ShortMessageDecoder.DATA_CODING_DEFAULT : ShortMessageDecoder.DATA_CODING_UCS2;
        byte[] message = now.moGsm7() ? Gsm7.encode(text) : ucs2(text);
        OutboundDeliverSm pdu = now.moInPayload()
                ? new OutboundDeliverSm(from, to, ESM_CLASS_DEFAULT, dataCoding, new byte[0],
                        new OptionalParameter.Message_payload(message))
                : new OutboundDeliverSm(from, to, ESM_CLASS_DEFAULT, dataCoding, message);
        if (!sender.send(systemId, pdu)) {
            throw new IllegalStateException("MO was not delivered: no receiver bound or it refused");
        }
        counters.moSent();
        log.info("MO from {} to {} delivered whole ({})", PhoneNumbers.mask(from), PhoneNumbers.mask(to), now);
    }

    private static byte[] ucs2(String text) {
        return text.getBytes(StandardCharsets.UTF_16BE);
    }

    private static byte[] withUdh(int reference, int total, int number, byte[] text) {
        byte[] message = new byte[6 + text.length];
        message[0] = 0x05;
        message[1] = 0x00;
        message[2] = 0x03;
        message[3] = (byte) reference;
        message[4] = (byte) total;
        message[5] = (byte) number;
        System.arraycopy(text, 0, message, 6, text.length);
        return message;
    }
}
