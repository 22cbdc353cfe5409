package org.sms1069.carriersim.smpp;

/** The user-visible part of a short_message: decoded text and, for a long message, its position. */
record ShortMessage(String text, Concatenation concatenation) {
}
