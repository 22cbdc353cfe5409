package org.sms1069.filter.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.FilterMessage;
import org.sms1069.filter.eval.LabelledFileReader;
import org.sms1069.filter.eval.LabelledMessage;
import org.sms1069.filter.score.FeatureVector;
import org.sms1069.filter.score.NgramHasher;

/** Reads labelled files into {@link Example}s through the rules-only filter (the model's rule features). */
public final class Examples {

    private final ContentFilter rulesOnly;
    private final NgramHasher hasher;

    public Examples(ContentFilter rulesOnly, NgramHasher hasher) {
        this.rulesOnly = rulesOnly;
        this.hasher = hasher;
    }

    public List<Example> load(CorpusFile file) throws IOException {
        List<Example> examples = new ArrayList<>();
        String source = file.path().getFileName().toString();
        for (LabelledMessage message : new LabelledFileReader().read(file.path()).messages()) {
            examples.add(of(message, source, file.weight()));
        }
        return examples;
    }

    public List<Example> load(List<CorpusFile> files) throws IOException {
        List<Example> examples = new ArrayList<>();
        for (CorpusFile file : files) {
            examples.addAll(load(file));
        }
        return examples;
    }

    public Example of(LabelledMessage message, String source, int weight) {
        ContentFilter.Features features = rulesOnly.features(FilterMessage.untyped(message.text()));
        return new Example(message, source, weight, features,
                FeatureVector.of(features.text(), features.hits(), hasher));
    }

    /** The same examples with another weight (the evaluated file's training folds). */
    public static List<Example> reweighted(List<Example> examples, int weight) {
        return examples.stream()
                .map(e -> new Example(e.message(), e.source(), weight, e.features(), e.vector()))
                .toList();
    }
}
