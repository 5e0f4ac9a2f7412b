package org.opbench.analysis;

import java.util.Arrays;
import org.opbench.measure.Stats;

/** Five-number summary of samples for a box plot; quartiles interpolate as {@link Stats#quantile}. */
public record Box(double min, double q1, double median, double q3, double max) {
    public static Box of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new Box(v[0], Stats.quantile(v, 0.25), Stats.quantile(v, 0.5), Stats.quantile(v, 0.75), v[v.length - 1]);
    }

    /** The GFLOPS of every sample of a point: {@code flops / sample}. */
    public static double[] gflops(long flops, double[] samplesUs) {
        double[] g = new double[samplesUs.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = flops / (samplesUs[i] * 1e3);
        }
        return g;
    }

    public double[] asArray() {
        return new double[] {min, q1, median, q3, max};
    }
}
