package org.sms1069.filter.training;

import java.nio.file.Path;

/**
 * A labelled TSV and how many times each of its lines counts in training ({@code FILE@W} on the
 * command line): the few hand-labelled 1069 lines weigh more than the many lines of the public set.
 */
public record CorpusFile(Path path, int weight) {

    public CorpusFile {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1: " + weight);
        }
    }

    public static CorpusFile parse(String spec) {
        int at = spec.lastIndexOf('@');
        if (at > 0 && spec.substring(at + 1).matches("\\d+")) {
            return new CorpusFile(Path.of(spec.substring(0, at)), Integer.parseInt(spec.substring(at + 1)));
        }
        return new CorpusFile(Path.of(spec), 1);
    }
}
