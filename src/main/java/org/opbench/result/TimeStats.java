package org.opbench.result;

import org.opbench.measure.Stats;

/** Statistics of a point's samples in microseconds. */
public record TimeStats(double min, double median, double mean, double stddev, double p90, double max) {
    public static TimeStats of(Stats s) {
        return new TimeStats(s.min(), s.median(), s.mean(), s.stddev(), s.p90(), s.max());
    }
}
