package org.opbench.analysis;

import java.util.Collection;

/** Means of ratios. */
public final class Means {
    private Means() {
    }

    /**
     * The geometric mean: the right mean of speedups (the mean of x and 1/x is 1). Values must be positive;
     * NaN for none.
     */
    public static double geometric(Collection<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double logSum = 0;
        for (double v : values) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("geometric mean of a value that is not positive and finite: " + v);
            }
            logSum += Math.log(v);
        }
        return Math.exp(logSum / values.size());
    }
}
