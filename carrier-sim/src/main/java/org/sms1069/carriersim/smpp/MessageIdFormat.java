package org.sms1069.carriersim.smpp;

/** How the simulated SMSC spells the message ids it returns in submit_sm_resp and receipts. */
public enum MessageIdFormat {
    /** Ten upper-case hex digits, e.g. {@code 0A1B2C3D4E}: the common SMSC style. */
    HEX,
    /** Up to twenty decimal digits, e.g. {@code 1234567890123456}: used by several SMSC vendors. */
    DECIMAL
}
