package org.sms1069.filter.training;

/**
 * An example with a held-out calibrated probability (from a model that never saw it) and whether
 * the rules alone block it (prohibited content, format), which no model threshold can undo.
 */
public record Scored(Example example, double probability, boolean rulesBlock) {
}
