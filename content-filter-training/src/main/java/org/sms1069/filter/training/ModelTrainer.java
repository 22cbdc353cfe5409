package org.sms1069.filter.training;

import java.util.ArrayList;
import java.util.List;
import org.sms1069.filter.Verdict;
import org.sms1069.filter.lexicon.FilterSettings;
import org.sms1069.filter.lexicon.ModelThresholds;
import org.sms1069.filter.rules.VerdictDecider;
import org.sms1069.filter.score.MarketingModel;
import org.sms1069.filter.score.ModelScore;

/**
 * The whole training recipe. Held-out scores for calibration and thresholds come from an inner
 * stratified K-fold over the training examples (each example scored by a model that did not see
 * it); Platt scaling is fitted to those scores, the thresholds are chosen on the calibrated
 * probabilities, and the shipped weights are then trained on all examples.
 */
public final class ModelTrainer {

    public static final int DEFAULT_BITS = 18;
    /** liblinear's C; weak regularisation did best in cross-validation on the public sample (C 1..64 tried) */
    public static final double DEFAULT_COST = 32;
    /** below the 1.5 % goal, leaving room for the spread between folds */
    public static final double DEFAULT_TARGET_FALSE_BLOCK_RATE = 0.012;
    static final int CALIBRATION_FOLDS = 3;
    static final long SEED = 1069;

    private final LiblinearTrainer trainer;
    private final int bits;
    private final FilterSettings settings;
    private final ThresholdChoice thresholds;
    private final VerdictDecider decider = new VerdictDecider();

    public ModelTrainer(int bits, double cost, FilterSettings settings, double maxFalseBlockRate) {
        this.trainer = new LiblinearTrainer(bits, cost);
        this.bits = bits;
        this.settings = settings;
        this.thresholds = new ThresholdChoice(maxFalseBlockRate);
    }

    public TrainedModel train(List<Example> examples, String version) {
        int[] fold = Folds.assign(examples, CALIBRATION_FOLDS, SEED);
        double[] raw = new double[examples.size()];
        for (int k = 0; k < CALIBRATION_FOLDS; k++) {
            LinearWeights weights = trainer.train(Folds.notIn(examples, fold, k));
            for (int i = 0; i < examples.size(); i++) {
                if (fold[i] == k) {
                    raw[i] = weights.raw(examples.get(i).vector());
                }
            }
        }
        boolean[] positive = new boolean[examples.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = examples.get(i).positive();
        }
        PlattScaling.Fit platt = PlattScaling.fit(raw, positive);
        List<Scored> scored = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            double p = 1 / (1 + Math.exp(platt.a() * raw[i] + platt.b()));
            scored.add(new Scored(examples.get(i), p, rulesBlock(examples.get(i))));
        }
        ModelThresholds chosen = thresholds.choose(scored, settings.modelThresholds());
        LinearWeights all = trainer.train(examples);
        MarketingModel model = MarketingModel.quantise(version, bits, all.weights(), all.bias(), platt.a(), platt.b());
        return new TrainedModel(model, chosen);
    }

    /** Whether the rules block the message whatever the model says: the decision at probability 0. */
    private boolean rulesBlock(Example example) {
        Verdict verdict = decider.decide(example.features().hits(), example.features().type(), settings,
                new ModelScore("none", 0, List.of()), example.features().signed());
        return verdict.blocked();
    }
}
