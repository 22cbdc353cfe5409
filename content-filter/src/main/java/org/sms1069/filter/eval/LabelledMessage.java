package org.sms1069.filter.eval;

/** One row of an evaluation file: expected block or not, optional category, the text. */
public record LabelledMessage(int line, boolean expectBlock, String category, String text) {
}
