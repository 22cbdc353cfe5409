package org.sms1069.filter.training;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.eval.EvalMain;
import org.sms1069.filter.eval.EvalReport;
import org.sms1069.filter.eval.EvalThresholds;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.score.NgramHasher;

/**
 * The entry point of {@code deploy/filter-eval.sh}:
 * <ul>
 *   <li>{@code FILE.tsv [options]}: the shipped filter (rules + shipped model) on a file ({@link EvalMain});</li>
 *   <li>{@code --cv K FILE.tsv [--with FILE@W ...] [--weight W]}: stratified K-fold cross-validation;
 *       each fold is evaluated by a model trained on the other folds (weight W) plus the {@code --with} files;</li>
 *   <li>{@code --train FILE@W [--train ...] --test FILE.tsv}: train on some files, evaluate on another.</li>
 * </ul>
 * Threshold options ({@code --max-false-block-rate}, {@code --min-recall}, {@code --max-wrong-rate CAT=R})
 * are checked on the pooled held-out verdicts; exit 3 when missed. The last line is one JSON object.
 */
public final class FilterEvalMain {

    private static final List<String> WITH_VALUE = List.of("--cv", "--with", "--weight", "--train", "--test",
            "--max-false-block-rate", "--min-recall", "--max-wrong-rate", "--target-false-block-rate", "--cost");

    private FilterEvalMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        if (!options.has("--cv") && !options.has("--train")) {
            EvalMain.main(args);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        RuleSet shipped = RuleSet.defaults();
        RuleSet rules = shipped.withModel(null);
        Examples examples = new Examples(ContentFilter.load(rules), new NgramHasher(ModelTrainer.DEFAULT_BITS));
        ModelTrainer trainer = new ModelTrainer(ModelTrainer.DEFAULT_BITS,
                Double.parseDouble(options.value("--cost", String.valueOf(ModelTrainer.DEFAULT_COST))), rules.settings(),
                Double.parseDouble(options.value("--target-false-block-rate", String.valueOf(ModelTrainer.DEFAULT_TARGET_FALSE_BLOCK_RATE))));
        HeldOutEvaluation evaluation = new HeldOutEvaluation(rules, trainer);
        EvalReport pooled = new EvalReport();
        FoldStats stats = new FoldStats();
        long started = System.nanoTime();
        String title;
        int k;
        if (options.has("--cv")) {
            k = Integer.parseInt(options.value("--cv", "5"));
            List<String> files = options.positional(WITH_VALUE);
            if (files.size() != 1) {
                throw new IllegalArgumentException("--cv K needs exactly one FILE.tsv, got " + files);
            }
            int weight = Integer.parseInt(options.value("--weight", "1"));
            List<Example> evaluated = Examples.reweighted(examples.load(CorpusFile.parse(files.get(0))), weight);
            List<Example> extra = examples.load(corpora(options.values("--with")));
            evaluation.crossValidate(evaluated, extra, k, pooled).forEach(stats::add);
            title = String.format(Locale.ROOT, "%d-fold cross-validation of %s (training weight %d, plus %s)",
                    k, files.get(0), weight, options.values("--with"));
        } else {
            k = 1;
            List<Example> train = examples.load(corpora(options.values("--train")));
            String test = options.value("--test", null);
            if (test == null) {
                throw new IllegalArgumentException("--train needs --test FILE.tsv");
            }
            stats.add(evaluation.run(train, examples.load(CorpusFile.parse(test)), "train-test", pooled));
            title = "trained on " + options.values("--train") + ", tested on " + test;
        }
        long elapsedMs = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        out.println(title);
        EvalMain.printSummary(out, k > 1 ? "held-out verdicts pooled over folds" : "held-out verdicts", pooled, elapsedMs,
                rules.version() + (k > 1 ? " + fold models" : " + model trained on the --train files"));
        stats.lines().forEach(out::println);
        EvalMain.printMistakes(out, pooled, options.has("--explain"));
        EvalThresholds thresholds = EvalThresholds.parse(new ArrayList<>(options.all()));
        List<String> failures = thresholds.failures(pooled);
        if (thresholds.any()) {
            out.println(failures.isEmpty() ? "CHECK PASSED" : "CHECK FAILED: " + String.join("; ", failures));
        }
        String json = pooled.toJson();
        out.println(json.substring(0, json.length() - 1) + "," + stats.json(k) + "}");
        if (!failures.isEmpty()) {
            System.exit(3);
        }
    }

    static List<CorpusFile> corpora(List<String> specs) {
        return specs.stream().map(CorpusFile::parse).toList();
    }
}
