package org.sms1069.filter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PlattScalingTest {

    @Test
    void recoversTheSigmoidThatGeneratedTheLabels() {
        Random random = new Random(42);
        int n = 20_000;
        double[] raw = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            raw[i] = random.nextGaussian() * 3;
            double p = 1 / (1 + Math.exp(-2 * raw[i] + 1)); // a = -2, b = 1
            positive[i] = random.nextDouble() < p;
        }
        PlattScaling.Fit fit = PlattScaling.fit(raw, positive);
        assertThat(fit.a()).isCloseTo(-2, within(0.15));
        assertThat(fit.b()).isCloseTo(1, within(0.15));
    }
}
