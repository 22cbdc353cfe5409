package org.sms1069.filter.training;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.lexicon.ModelThresholds;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.score.NgramHasher;

/**
 * Trains the shipped marketing model:
 * {@code TrainMain --train FILE@W [--train ...] --out PATH --version V [--cost C] [--target-false-block-rate R]}.
 * Writes the model file and prints the thresholds chosen on held-out scores, as settings lines.
 */
public final class TrainMain {

    private TrainMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String target = options.value("--out", null);
        String version = options.value("--version", null);
        List<CorpusFile> files = FilterEvalMain.corpora(options.values("--train"));
        if (target == null || version == null || files.isEmpty()) {
            out.println("usage: TrainMain --train FILE@W [--train ...] --out PATH --version V [--cost C] [--target-false-block-rate R]");
            System.exit(2);
        }
        RuleSet rules = RuleSet.defaults().withModel(null);
        Examples examples = new Examples(ContentFilter.load(rules), new NgramHasher(ModelTrainer.DEFAULT_BITS));
        ModelTrainer trainer = new ModelTrainer(ModelTrainer.DEFAULT_BITS,
                Double.parseDouble(options.value("--cost", String.valueOf(ModelTrainer.DEFAULT_COST))), rules.settings(),
                Double.parseDouble(options.value("--target-false-block-rate", String.valueOf(ModelTrainer.DEFAULT_TARGET_FALSE_BLOCK_RATE))));
        TrainedModel trained = trainer.train(examples.load(files), version);
        try (OutputStream file = Files.newOutputStream(Path.of(target))) {
            trained.model().write(file);
        }
        ModelThresholds t = trained.thresholds();
        out.printf(Locale.ROOT, "wrote %s (%d bytes), model %s%n", target, Files.size(Path.of(target)), version);
        out.printf(Locale.ROOT, "model.threshold.notification=%.2f%nmodel.threshold.reminder=%.2f%nmodel.threshold.verification=%.3f%n",
                t.notification(), t.reminder(), t.verification());
    }
}
