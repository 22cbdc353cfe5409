package org.sms1069.filter.training;

import java.util.ArrayList;
import java.util.List;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.FilterMessage;
import org.sms1069.filter.eval.EvalReport;
import org.sms1069.filter.lexicon.RuleSet;

/**
 * Trains on one set of examples and evaluates the filter (rules + that model, with the
 * thresholds chosen on the training side) on another: one fold of a cross-validation, or
 * {@code --train FILE --test FILE}.
 */
public final class HeldOutEvaluation {

    private final RuleSet rules;
    private final ModelTrainer trainer;

    public HeldOutEvaluation(RuleSet rules, ModelTrainer trainer) {
        this.rules = rules;
        this.trainer = trainer;
    }

    public EvalReport run(List<Example> train, List<Example> test, String version, EvalReport pooled) {
        TrainedModel trained = trainer.train(train, version);
        ContentFilter filter = ContentFilter.load(rules.withModel(trained.model())
                .withSettings(rules.settings().withModelThresholds(trained.thresholds())));
        EvalReport report = new EvalReport();
        for (Example example : test) {
            var verdict = filter.check(FilterMessage.untyped(example.message().text()));
            report.record(example.message(), verdict);
            if (pooled != null) {
                pooled.record(example.message(), verdict);
            }
        }
        return report;
    }

    /** Stratified K-fold: each fold of {@code evaluated} is tested by a model trained on the other folds plus {@code extra}. */
    public List<EvalReport> crossValidate(List<Example> evaluated, List<Example> extra, int k, EvalReport pooled) {
        int[] fold = Folds.assign(evaluated, k, ModelTrainer.SEED);
        List<EvalReport> reports = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            List<Example> train = new ArrayList<>(Folds.notIn(evaluated, fold, f));
            train.addAll(extra);
            reports.add(run(train, Folds.in(evaluated, fold, f), "cv-fold-" + (f + 1), pooled));
        }
        return reports;
    }
}
