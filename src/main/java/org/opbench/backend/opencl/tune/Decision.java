package org.opbench.backend.opencl.tune;

import java.util.Arrays;
import java.util.Locale;

/**
 * The rule that lets a tuned configuration replace the untuned default: both are timed in the same interleaved
 * rounds, each round gives one gain {@code untuned / candidate} (the round medians of the two), and the candidate
 * wins only when the lower bound of a distribution-free 95% interval of the median gain (order statistics of the
 * per-round gains, binomial coverage) lies above {@code 1 + margin}. Otherwise the default is kept.
 */
public final class Decision {
    /** The gain's lower bound must exceed 1 by this much (3%) for a candidate to replace the default. */
    public static final double MARGIN = 0.03;
    /** Fewest rounds for which an order-statistic interval reaches 95% coverage (2 / 2^6 = 3.1%). */
    public static final int MIN_ROUNDS = 6;

    private Decision() {
    }

    /**
     * The median gain over rounds with its interval.
     *
     * @param ratio   median over rounds of untuned / candidate (above 1: the candidate is faster)
     * @param lo      lower bound of the interval
     * @param hi      upper bound of the interval
     * @param rounds  rounds the gains come from
     * @param coverage the interval's coverage (at least 0.95 when {@code rounds >= MIN_ROUNDS}, else 0: no interval)
     */
    public record Gain(double ratio, double lo, double hi, int rounds, double coverage) {
        /** e.g. {@code 1.23x [1.10, 1.31]}. */
        public String describe() {
            return String.format(Locale.ROOT, "%.3fx [%.3f, %.3f]", ratio, lo, hi);
        }
    }

    /** Whether to replace the default, the evidence and the sentence recorded under {@code tuning_decision}. */
    public record Verdict(boolean tuned, Gain gain, String reason) {
    }

    /**
     * The gain of {@code candidate} over {@code untuned}; element r of each is the median of that configuration's
     * repetitions in round r (the same interleaved round for both).
     */
    public static Gain gain(double[] untuned, double[] candidate) {
        if (untuned.length != candidate.length || untuned.length == 0) {
            throw new IllegalArgumentException("need the same, non-zero number of rounds (got " + untuned.length
                    + " and " + candidate.length + ")");
        }
        int n = untuned.length;
        double[] g = new double[n];
        for (int r = 0; r < n; r++) {
            g[r] = untuned[r] / candidate[r];
        }
        Arrays.sort(g);
        double median = n % 2 == 1 ? g[n / 2] : (g[n / 2 - 1] + g[n / 2]) / 2;
        int k = lowerRank(n);
        if (k == 0) {
            return new Gain(median, g[0], g[n - 1], n, 0);
        }
        return new Gain(median, g[k - 1], g[n - k], n, coverage(n, k));
    }

    /**
     * The largest rank k (1-based) such that {@code [x(k), x(n+1-k)]} covers the median with probability at least
     * 95%, or 0 when n is too small for any.
     */
    static int lowerRank(int n) {
        int best = 0;
        for (int k = 1; k <= n / 2; k++) {
            if (coverage(n, k) >= 0.95) {
                best = k;
            } else {
                break;
            }
        }
        return best;
    }

    /** P(x(k) <= median <= x(n+1-k)) = 1 - 2 P(Binomial(n, 1/2) <= k - 1). */
    static double coverage(int n, int k) {
        double tail = 0;
        double c = 1;
        for (int i = 0; i < k; i++) {
            tail += c;
            c = c * (n - i) / (i + 1);
        }
        return 1 - 2 * tail / Math.pow(2, n);
    }

    /** Decides with {@link #MARGIN}; {@code what} names the candidate in the reason. */
    public static Verdict decide(double[] untuned, double[] candidate, String what) {
        return decide(untuned, candidate, what, MARGIN);
    }

    public static Verdict decide(double[] untuned, double[] candidate, String what, double margin) {
        Gain g = gain(untuned, candidate);
        if (g.coverage() == 0) {
            return new Verdict(false, g, String.format(Locale.ROOT,
                    "kept default: only %d rounds, too few for a 95%% interval (best %s: %s)", g.rounds(), what,
                    g.describe()));
        }
        if (g.lo() > 1 + margin) {
            return new Verdict(true, g, String.format(Locale.ROOT,
                    "tuned: %s, gain %s over untuned in %d interleaved rounds (%.1f%% interval)", what,
                    g.describe(), g.rounds(), 100 * g.coverage()));
        }
        return new Verdict(false, g, String.format(Locale.ROOT,
                "kept default: no candidate clearly better (best %s: gain %s in %d rounds; needs a lower bound above "
                        + "%.2f)", what, g.describe(), g.rounds(), 1 + margin));
    }
}
