package org.sms1069.filter.score;

import java.util.List;
import java.util.Objects;

/**
 * What the marketing model said about a message.
 *
 * @param modelVersion the model file's version
 * @param probability  calibrated probability that the message is marketing (or worse)
 * @param pushes       the features that pushed the score up most, strongest first (empty when the
 *                     score was too low to need an explanation)
 */
public record ModelScore(String modelVersion, double probability, List<Push> pushes) {

    /**
     * One feature's share of the raw score: an n-gram of the model text with where it sits in the
     * original message, or a rule id (span null).
     */
    public record Push(String feature, org.sms1069.filter.MatchedSpan span, double contribution) {

        /** A rule id ({@code rule:MKT_PROMO}) rather than an n-gram. */
        public boolean isRule() {
            return feature.startsWith(RuleFeatures.PREFIX);
        }
    }

    public ModelScore {
        Objects.requireNonNull(modelVersion, "modelVersion");
        pushes = List.copyOf(pushes);
    }
}
