package org.sms1069.filter.training;

import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.eval.LabelledMessage;
import org.sms1069.filter.score.FeatureVector;

/**
 * One labelled line ready for training: what the rules saw, the model's features, and the
 * weight of the file it came from.
 */
public record Example(LabelledMessage message, String source, int weight, ContentFilter.Features features,
                      FeatureVector vector) {

    public boolean positive() {
        return message.expectBlock();
    }

    /** Stratum for the folds: label and category, and the file, so each fold holds a share of every kind. */
    public String stratum() {
        return source + '/' + message.expectBlock() + '/' + message.category();
    }
}
