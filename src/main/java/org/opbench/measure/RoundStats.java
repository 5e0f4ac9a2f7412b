package org.opbench.measure;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The headline of a point measured in rounds and its 95% confidence interval (issue 15, docs/measurement.md).
 *
 * <p>Headline: the median of all kept samples (as before rounds, so {@code time_us.median} keeps its meaning).
 * Interval: a cluster (round) bootstrap of that same median — {@value #RESAMPLES} resamples of the rounds drawn with
 * replacement, each resample's median taken over all the samples of the rounds drawn, and the 2.5% and 97.5%
 * percentiles of those medians (R-7 interpolation). Rounds, not repetitions, are the resampled unit because
 * repetitions of one round are not independent: noise comes in episodes. The resampling uses a fixed seed, so the
 * interval is a function of the samples alone. With fewer than two rounds there is no interval.
 *
 * @param median        the headline (microseconds)
 * @param roundMedians  each round's median, by round index
 * @param ciLo          lower end of the 95% interval, null with fewer than two rounds
 * @param ciHi          upper end
 * @param ciPct         half-width of the interval as a percentage of the median, null with fewer than two rounds
 */
public record RoundStats(double median, double[] roundMedians, Double ciLo, Double ciHi, Double ciPct) {
    public static final int RESAMPLES = 2000;
    static final long BOOTSTRAP_SEED = 0x6f70626e63684349L;
    /** How the interval is computed, as recorded in the run header's settings. */
    public static final String METHOD = "95% cluster bootstrap of the median over rounds (" + RESAMPLES
            + " resamples, percentile interval)";

    /** Statistics of samples {@code us} whose round indexes are {@code round} (0 .. rounds-1). */
    public static RoundStats of(double[] us, int[] round, int rounds) {
        if (us.length == 0 || us.length != round.length || rounds < 1) {
            throw new IllegalArgumentException("no samples, or rounds that do not match them");
        }
        double[][] byRound = split(us, round, rounds);
        double[] medians = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            medians[r] = byRound[r].length == 0 ? Double.NaN : median(byRound[r]);
        }
        double[] all = us.clone();
        Arrays.sort(all);
        double median = median(all);
        if (rounds < 2) {
            return new RoundStats(median, medians, null, null, null);
        }
        Random random = new Random(BOOTSTRAP_SEED);
        double[] boot = new double[RESAMPLES];
        int[] count = new int[rounds];
        for (int b = 0; b < RESAMPLES; b++) {
            Arrays.fill(count, 0);
            for (int i = 0; i < rounds; i++) {
                count[random.nextInt(rounds)]++;
            }
            boot[b] = weightedMedian(all, byRound, count);
        }
        Arrays.sort(boot);
        double lo = Stats.quantile(boot, 0.025);
        double hi = Stats.quantile(boot, 0.975);
        return new RoundStats(median, medians, lo, hi, (hi - lo) / 2 / median * 100);
    }

    /**
     * Whether the point is unstable with {@code thresholdPct}: its interval's half-width is above it. Null with no
     * interval (one round).
     */
    public Boolean unstable(double thresholdPct) {
        return ciPct == null ? null : ciPct > thresholdPct;
    }

    /**
     * Why the interval is wide: the disturbances the noise probe saw on the kept rounds ({@code causes}), else
     * "rounds disagree: bimodal" when the round medians fall in two groups of at least two rounds each with a gap
     * of more than half their range between them, else "round medians spread N%" ((max - min) / median).
     */
    public String cause(Collection<String> causes) {
        Set<String> seen = new LinkedHashSet<>();
        for (String c : causes) {
            if (c != null) {
                seen.add(c);
            }
        }
        if (!seen.isEmpty()) {
            return String.join("; ", seen);
        }
        double[] m = Arrays.stream(roundMedians).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (m.length == 0) {
            return "no round medians";
        }
        double range = m[m.length - 1] - m[0];
        int gapAt = -1;
        double gap = 0;
        for (int i = 0; i + 1 < m.length; i++) {
            if (m[i + 1] - m[i] > gap) {
                gap = m[i + 1] - m[i];
                gapAt = i;
            }
        }
        if (gapAt >= 1 && m.length - gapAt - 1 >= 2 && gap > range / 2) {
            return "rounds disagree: bimodal";
        }
        return String.format(Locale.ROOT, "round medians spread %.1f%%", range / median * 100);
    }

    private static double[][] split(double[] us, int[] round, int rounds) {
        int[] n = new int[rounds];
        for (int r : round) {
            if (r < 0 || r >= rounds) {
                throw new IllegalArgumentException("round index " + r + " outside 0.." + (rounds - 1));
            }
            n[r]++;
        }
        double[][] by = new double[rounds][];
        for (int r = 0; r < rounds; r++) {
            by[r] = new double[n[r]];
        }
        int[] k = new int[rounds];
        for (int i = 0; i < us.length; i++) {
            by[round[i]][k[round[i]]++] = us[i];
        }
        for (double[] b : by) {
            Arrays.sort(b);
        }
        return by;
    }

    /** The median of sorted {@code v}: the middle value, or the mean of the two middle ones. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The median of the multiset holding round {@code r}'s (sorted) samples {@code count[r]} times, without building
     * it: the k-th smallest value is found by binary search over the sorted pooled samples {@code all}.
     */
    static double weightedMedian(double[] all, double[][] byRound, int[] count) {
        long total = 0;
        for (int r = 0; r < count.length; r++) {
            total += (long) count[r] * byRound[r].length;
        }
        if (total % 2 == 1) {
            return kth(all, byRound, count, total / 2);
        }
        return (kth(all, byRound, count, total / 2 - 1) + kth(all, byRound, count, total / 2)) / 2;
    }

    /** The k-th smallest (0-based) value of the weighted multiset. */
    private static double kth(double[] all, double[][] byRound, int[] count, long k) {
        int lo = 0;
        int hi = all.length - 1;
        while (lo < hi) { // smallest index whose value has more than k values at or below it
            int mid = (lo + hi) >>> 1;
            if (atOrBelow(all[mid], byRound, count) > k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return all[lo];
    }

    private static long atOrBelow(double v, double[][] byRound, int[] count) {
        long c = 0;
        for (int r = 0; r < count.length; r++) {
            if (count[r] > 0) {
                c += (long) count[r] * upperBound(byRound[r], v);
            }
        }
        return c;
    }

    /** The number of values in sorted {@code a} that are at most {@code v}. */
    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
