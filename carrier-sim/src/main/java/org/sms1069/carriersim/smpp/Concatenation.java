package org.sms1069.carriersim.smpp;

/**
 * Where one part sits in a long message, from the user data header (IE 0x00 or 0x08)
 * or the sar_* TLVs.
 *
 * @param reference same for all parts of one message
 * @param total     number of parts
 * @param number    this part, 1-based
 */
public record Concatenation(int reference, int total, int number) {
}
