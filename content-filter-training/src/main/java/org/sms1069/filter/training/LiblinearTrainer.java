package org.sms1069.filter.training;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;
import org.sms1069.filter.score.FeatureVector;

/**
 * L2-regularised logistic regression (liblinear's {@code L2R_LR}) over the hashed features. A
 * line of weight W is given to the solver W times (liblinear-java has no instance weights).
 */
public final class LiblinearTrainer {

    static {
        Linear.disableDebugOutput();
    }

    private final int bits;
    private final double cost;

    public LiblinearTrainer(int bits, double cost) {
        this.bits = bits;
        this.cost = cost;
    }

    public LinearWeights train(List<Example> examples) {
        int dimensions = 1 << bits;
        List<Feature[]> rows = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (Example example : examples) {
            Feature[] row = row(example.vector(), dimensions);
            for (int copy = 0; copy < example.weight(); copy++) {
                rows.add(row);
                labels.add(example.positive() ? 1.0 : -1.0);
            }
        }
        Problem problem = new Problem();
        problem.l = rows.size();
        problem.n = dimensions + 1;
        problem.bias = 1;
        problem.x = rows.toArray(new Feature[0][]);
        problem.y = labels.stream().mapToDouble(Double::doubleValue).toArray();
        Parameter parameter = new Parameter(SolverType.L2R_LR, cost, 0.01);
        Model model = Linear.train(problem, parameter);
        double[] w = model.getFeatureWeights();
        // liblinear's weights score its first label; make them score "block"
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] weights = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            weights[i] = sign * w[i];
        }
        return new LinearWeights(weights, sign * w[dimensions]);
    }

    /** liblinear's indices start at 1; the bias is the last feature, always 1. */
    private static Feature[] row(FeatureVector vector, int dimensions) {
        int[] indices = vector.indices();
        Feature[] row = new Feature[indices.length + 1];
        for (int i = 0; i < indices.length; i++) {
            row[i] = new FeatureNode(indices[i] + 1, vector.values()[i]);
        }
        row[indices.length] = new FeatureNode(dimensions + 1, 1.0);
        return row;
    }
}
