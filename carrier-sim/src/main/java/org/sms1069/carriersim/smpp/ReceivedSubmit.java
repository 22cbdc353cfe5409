package org.sms1069.carriersim.smpp;

import java.time.Instant;

import org.sms1069.model.phone.PhoneNumbers;

/**
 * One submit_sm the simulator accepted, as tests see it.
 *
 * @param systemId           system_id of the session it came on
 * @param sourceAddr         source_addr (the 1069 number plus extension)
 * @param destinationAddr    destination_addr (the handset)
 * @param dataCoding         data_coding octet, e.g. 0x08 for UCS2
 * @param esmClass           esm_class octet, 0x40 when a UDH precedes the text
 * @param registeredDelivery registered_delivery octet
 * @param text               this part's text, decoded and without the UDH
 * @param concatenation      position in a long message, or null for a single message
 * @param messageId          id returned in submit_sm_resp
 * @param receivedAt         when the simulator accepted it
 */
public record ReceivedSubmit(
        String systemId,
        String sourceAddr,
        String destinationAddr,
        int dataCoding,
        int esmClass,
        int registeredDelivery,
        String text,
        Concatenation concatenation,
        String messageId,
        Instant receivedAt) {

    public boolean concatenated() {
        return concatenation != null;
    }

    /** Masks the handset and leaves out the text, so that a logged submit leaks neither. */
    @Override
    public String toString() {
        return "ReceivedSubmit[systemId=" + systemId + ", source=" + sourceAddr
                + ", destination=" + PhoneNumbers.mask(destinationAddr)
                + ", dataCoding=" + dataCoding + ", esmClass=" + esmClass
                + ", textLength=" + (text == null ? 0 : text.length())
                + ", concatenation=" + concatenation + ", messageId=" + messageId
                + ", receivedAt=" + receivedAt + "]";
    }
}
