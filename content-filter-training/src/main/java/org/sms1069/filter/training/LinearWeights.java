package org.sms1069.filter.training;

import org.sms1069.filter.score.FeatureVector;

/** A trained linear model before quantisation: one weight per hashed bucket and a bias. */
public record LinearWeights(double[] weights, double bias) {

    public double raw(FeatureVector vector) {
        return bias + vector.dot(weights);
    }
}
