package org.opbench.analysis;

import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, by the normal approximation with the tie correction and a
 * continuity correction of 0.5 (as {@code scipy.stats.mannwhitneyu(method="asymptotic", use_continuity=True)}).
 * It asks whether one sample tends to be larger than the other, without assuming a distribution: timing samples
 * are skewed and have outliers, so a t-test would mislead.
 */
public final class MannWhitney {
    private MannWhitney() {
    }

    /**
     * @param u      U of the first sample: the number of pairs (a, b) with a greater than b, ties counting half
     * @param z      the standard score of {@code u} (0 when every value is tied)
     * @param p      two-sided p-value (1 when every value is tied)
     */
    public record Result(double u, double z, double p, int n1, int n2) {
        public boolean significant(double alpha) {
            return p < alpha;
        }
    }

    public static Result test(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need at least one value (got " + n1 + " and " + n2 + ")");
        }
        int n = n1 + n2;
        double[][] all = new double[n][];
        for (int i = 0; i < n1; i++) {
            all[i] = new double[] {a[i], 0};
        }
        for (int i = 0; i < n2; i++) {
            all[n1 + i] = new double[] {b[i], 1};
        }
        Arrays.sort(all, (x, y) -> Double.compare(x[0], y[0]));
        double rankSumA = 0;
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[j + 1][0] == all[i][0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // average of ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                if (all[k][1] == 0) {
                    rankSumA += rank;
                }
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mu = n1 * (double) n2 / 2;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (!(variance > 0)) {
            return new Result(u, 0, 1, n1, n2);
        }
        double diff = Math.abs(u - mu) - 0.5;
        double z = diff <= 0 ? 0 : Math.signum(u - mu) * diff / Math.sqrt(variance);
        double p = Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
        return new Result(u, z, p, n1, n2);
    }

    /**
     * The same test with the exact distribution of U when there are no ties and few values ({@code n1 * n2} at most
     * 2500), as {@code scipy.stats.mannwhitneyu(method="exact")}; else {@link #test}. For the few observations of a
     * comparison over rounds, where the normal approximation is too coarse: with 5 rounds against 5 the smallest
     * two-sided p is 2/252 = 0.0079 exactly, while the approximation never goes below 0.012.
     */
    public static Result testSmall(double[] a, double[] b) {
        Result approx = test(a, b);
        int n1 = a.length;
        int n2 = b.length;
        if ((long) n1 * n2 > 2500 || hasTies(a, b)) {
            return approx;
        }
        int max = n1 * n2;
        // counts[j][k]: arrangements of i values of a and j of b with U = k, built up over i
        double[][] counts = new double[n2 + 1][max + 1];
        for (int j = 0; j <= n2; j++) {
            counts[j][0] = 1; // i = 0: U is 0
        }
        for (int i = 1; i <= n1; i++) {
            double[][] next = new double[n2 + 1][max + 1];
            next[0][0] = 1;
            for (int j = 1; j <= n2; j++) {
                for (int k = 0; k <= i * j; k++) {
                    // the largest value is a's (it exceeds all j of b: adds j) or b's
                    double v = (k >= j ? counts[j][k - j] : 0) + next[j - 1][k];
                    next[j][k] = v;
                }
            }
            counts = next;
        }
        double[] dist = counts[n2];
        double total = 0;
        for (double c : dist) {
            total += c;
        }
        int u = (int) Math.round(approx.u());
        double low = 0;
        double high = 0;
        for (int k = 0; k <= max; k++) {
            if (k <= u) {
                low += dist[k];
            }
            if (k >= u) {
                high += dist[k];
            }
        }
        double p = Math.min(1, 2 * Math.min(low, high) / total);
        return new Result(approx.u(), approx.z(), p, n1, n2);
    }

    private static boolean hasTies(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Complementary error function, fractional error below 1.2e-7 everywhere (Chebyshev fit; Press et al.,
     * Numerical Recipes, 2nd ed., section 6.2, {@code erfcc}).
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
