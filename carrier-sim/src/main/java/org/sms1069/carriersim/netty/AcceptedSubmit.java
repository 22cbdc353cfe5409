package org.sms1069.carriersim.netty;

import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.model.phone.PhoneNumbers;

import java.time.Instant;
import java.util.List;

/**
 * One submit a Netty simulator accepted and answered, as tests see it. It is logged only once its answer
 * was written: a submit held back and then lost with its connection never reached the "handset".
 *
 * @param account       the login it came on
 * @param sourceAddr    sender number (1069 number plus extension)
 * @param destinations  handsets
 * @param format        coding byte, 8 = UCS2
 * @param text          this part's text without the UDH
 * @param total         parts of the message (1 for a single SMS)
 * @param number        this part, 1-based
 * @param reference     UDH reference, -1 without UDH
 * @param messageIds    carrier id per destination, as the receipt will print it
 * @param linkId        the LinkID it carried (CMPP 3.0 field, SMGP TLV): an MT reply to an on-demand MO sends the MO's
 *                      ({@link OnDemandMo}); "" when blank, absent, or the protocol has no such field
 */
public record AcceptedSubmit(String protocol, String account, String sourceAddr, List<String> destinations,
                             String serviceId, int format, int registeredDelivery, String text, int total, int number,
                             int reference, List<String> messageIds, Instant receivedAt, String linkId) {

    public AcceptedSubmit {
        destinations = List.copyOf(destinations);
        messageIds = List.copyOf(messageIds);
    }

    /**
     * A submit as it came off the wire: text without the UDH (binary as hex); part numbers from the UDH, else
     * from the protocol's own fields ({@code pkTotal}, {@code pkNumber}); {@code linkId} null or "" for none.
     */
    public static AcceptedSubmit of(String protocol, String account, String sourceAddr, List<String> destinations,
                                    String serviceId, MessageContent content, int registeredDelivery, int pkTotal,
                                    int pkNumber, List<String> messageIds, String linkId) {
        var udh = content.concatenation();
        return new AcceptedSubmit(protocol, account, sourceAddr, destinations, serviceId, content.format(),
                registeredDelivery, content.isText() ? content.text() : content.userData().toHex(),
                udh.map(ConcatenationUdh::total).orElse(pkTotal), udh.map(ConcatenationUdh::number).orElse(pkNumber),
                udh.map(ConcatenationUdh::reference).orElse(-1), messageIds, Instant.now(), linkId == null ? "" : linkId);
    }

    /** Masks the handsets and leaves out the text. */
    @Override
    public String toString() {
        return "AcceptedSubmit[" + protocol + ", account=" + account + ", source=" + sourceAddr + ", destinations="
                + destinations.stream().map(PhoneNumbers::mask).toList() + ", part=" + number + "/" + total
                + ", textLength=" + text.length() + ", messageIds=" + messageIds + "]";
    }
}
