package org.sms1069.filter.training;

/**
 * Platt's sigmoid {@code p = 1 / (1 + exp(a * raw + b))} fitted to held-out raw scores by
 * Newton's method with backtracking, with Platt's smoothed targets (Lin, Lin and Weng 2007).
 */
public final class PlattScaling {

    public record Fit(double a, double b) {
    }

    private PlattScaling() {
    }

    public static Fit fit(double[] raw, boolean[] positive) {
        int pos = 0;
        for (boolean p : positive) {
            pos += p ? 1 : 0;
        }
        int neg = raw.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] t = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            t[i] = positive[i] ? hi : lo;
        }
        double a = 0;
        double b = Math.log((neg + 1.0) / (pos + 1.0));
        double f = loss(raw, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double h11 = 1e-12;
            double h22 = 1e-12;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < raw.length; i++) {
                double fApB = raw[i] * a + b;
                double p = fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
                double q = 1 - p;
                double d2 = p * q;
                h11 += raw[i] * raw[i] * d2;
                h22 += d2;
                h21 += raw[i] * d2;
                double d1 = t[i] - p;
                g1 += raw[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            while (step >= 1e-10) {
                double newA = a + step * dA;
                double newB = b + step * dB;
                double newF = loss(raw, t, newA, newB);
                if (newF < f + 0.0001 * step * gd) {
                    a = newA;
                    b = newB;
                    f = newF;
                    break;
                }
                step /= 2;
            }
            if (step < 1e-10) {
                break;
            }
        }
        return new Fit(a, b);
    }

    private static double loss(double[] raw, double[] t, double a, double b) {
        double f = 0;
        for (int i = 0; i < raw.length; i++) {
            double fApB = raw[i] * a + b;
            f += fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
        }
        return f;
    }
}
