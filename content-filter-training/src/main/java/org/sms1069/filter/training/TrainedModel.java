package org.sms1069.filter.training;

import org.sms1069.filter.lexicon.ModelThresholds;
import org.sms1069.filter.score.MarketingModel;

/** A model ready to ship and the thresholds chosen for it on held-out data. */
public record TrainedModel(MarketingModel model, ModelThresholds thresholds) {
}
