package org.sms1069.filter.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sms1069.filter.lexicon.ModelThresholds;
import org.sms1069.model.MessageType;

/**
 * Chooses the model's thresholds on held-out probabilities. Notifications (and reminders, which
 * evaluation files cannot tell apart from them): the lowest threshold at which every source
 * file's false-block rate of ALLOW lines stays within the target. Verification codes: above every
 * held-out legitimate code message, and never below {@link #VERIFICATION_FLOOR}.
 */
public final class ThresholdChoice {

    static final double VERIFICATION_FLOOR = 0.95;
    static final double VERIFICATION_MARGIN = 0.01;
    static final double VERIFICATION_CEILING = 0.995;

    private final double maxFalseBlockRate;

    public ThresholdChoice(double maxFalseBlockRate) {
        this.maxFalseBlockRate = maxFalseBlockRate;
    }

    /** @param base the settings the probabilities replace (the rules-alone bar is kept) */
    public ModelThresholds choose(List<Scored> scored, ModelThresholds base) {
        double verification = VERIFICATION_FLOOR;
        for (Scored s : scored) {
            if (isVerification(s) && !s.example().positive()) {
                verification = Math.max(verification, s.probability() + VERIFICATION_MARGIN);
            }
        }
        verification = Math.min(verification, VERIFICATION_CEILING);
        double notification = 0.99;
        for (int step = 5; step <= 99; step++) {
            double t = step / 100.0;
            if (withinTarget(scored, t)) {
                notification = t;
                break;
            }
        }
        return base.withProbabilities(notification, notification, verification);
    }

    private boolean withinTarget(List<Scored> scored, double threshold) {
        Map<String, int[]> bySource = new LinkedHashMap<>();
        for (Scored s : scored) {
            if (s.example().positive() || isVerification(s)) {
                continue;
            }
            int[] counts = bySource.computeIfAbsent(s.example().source(), k -> new int[2]);
            counts[0]++;
            if (s.rulesBlock() || s.probability() >= threshold) {
                counts[1]++;
            }
        }
        for (int[] counts : bySource.values()) {
            if (counts[1] > maxFalseBlockRate * counts[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVerification(Scored s) {
        return s.example().features().type() == MessageType.VERIFICATION;
    }
}
