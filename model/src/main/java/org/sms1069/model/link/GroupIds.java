package org.sms1069.model.link;

/**
 * How a CMPP gateway numbers the recipients of a group submit (several Dest_terminal_Id) in its SUBMIT_RESP and
 * receipts. The specification (appendix 1) says {@link #SEQUENTIAL}; some gateways give every recipient the one id.
 */
public enum GroupIds {
    /** Recipient i's receipt carries Msg_Id X + i, X being the id of the SUBMIT_RESP. */
    SEQUENTIAL,
    /** Every recipient's receipt carries X; only the phone tells them apart. */
    SAME
}
