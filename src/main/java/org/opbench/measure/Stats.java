package org.opbench.measure;

import java.util.Arrays;

/**
 * Summary statistics of a point's samples (microseconds). {@code median} is the mean of the two middle values
 * for an even count; {@code p90} interpolates linearly between order statistics; {@code stddev} is the
 * sample standard deviation (n - 1); {@code cv = stddev / mean} (0 for a single sample).
 */
public record Stats(double min, double median, double mean, double stddev, double p90, double max, double cv, int count) {

    public static Stats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / n;
        double sq = 0;
        for (double x : v) {
            sq += (x - mean) * (x - mean);
        }
        double stddev = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Stats(v[0], median, mean, stddev, quantile(v, 0.9), v[n - 1], mean > 0 ? stddev / mean : 0, n);
    }

    /** Linear interpolation between order statistics of sorted {@code v} (the R-7 / Excel definition). */
    public static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Nanosecond samples as microseconds. */
    public static double[] micros(long[] nanos) {
        double[] us = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            us[i] = nanos[i] / 1e3;
        }
        return us;
    }
}
