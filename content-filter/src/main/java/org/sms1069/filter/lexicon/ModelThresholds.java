package org.sms1069.filter.lexicon;

import org.sms1069.model.MessageType;

/**
 * The calibrated marketing probability at which the model blocks, per message type; chosen on
 * held-out data by the trainer (see docs/filter.md). Verification codes get their own, very high
 * bar: a one-code message is blocked only for prohibited content or an unmistakable pitch.
 * {@code rulesAloneScore}: a marketing + prohibited rule score at which the rules block a
 * non-verification message whatever the model says (several strong pitch terms at once).
 */
public record ModelThresholds(double notification, double reminder, double verification, int rulesAloneScore) {

    public static final ModelThresholds DEFAULTS = new ModelThresholds(0.5, 0.5, 0.97, 20);

    public ModelThresholds {
        if (rulesAloneScore <= 0) {
            throw new IllegalArgumentException("model.rules-alone.score must be positive: " + rulesAloneScore);
        }
        for (double t : new double[] {notification, reminder, verification}) {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("model thresholds must be in (0, 1]: " + t);
            }
        }
    }

    public ModelThresholds withProbabilities(double notification, double reminder, double verification) {
        return new ModelThresholds(notification, reminder, verification, rulesAloneScore);
    }

    /** Public-welfare messages follow the notification threshold. */
    public double forType(MessageType type) {
        if (type == MessageType.VERIFICATION) {
            return verification;
        }
        return type == MessageType.REMINDER ? reminder : notification;
    }
}
