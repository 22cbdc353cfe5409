package org.sms1069.carriersim.netty;

/**
 * A simulator whose protocol carries the LinkID of an on-demand service (CMPP 3.0, SMGP 3.0): the carrier gives the
 * MO a LinkID, and an MT reply to it must send that LinkID back. {@link AcceptedSubmit#linkId()} shows what came back.
 */
public interface OnDemandMo {

    /**
     * Sends a handset's message as an on-demand MO carrying {@code linkId} and waits for the SP's answer (on a CMPP
     * 2.0 connection the field is Reserved and goes blank).
     *
     * @throws IllegalStateException when nobody is logged in or the SP did not answer 0
     */
    void injectMo(String from, String to, String text, String linkId);
}
