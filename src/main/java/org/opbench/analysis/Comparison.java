package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.opbench.result.PointRecord;
import org.opbench.result.RoundStats;

/**
 * Two runs point by point (same {@link PointRecord#key()}), on independent evidence: the rounds of a point.
 * The samples of one round are not independent (noise comes in episodes and one episode covers many samples), so
 * a test over samples calls almost every pair of identical runs different; rounds are separate stretches of time and
 * are the observations here.
 *
 * <p>Per point: the ratio of the headline medians B / A (above 1: B is slower); with at least two rounds in each
 * run, the two-sided Mann-Whitney U test on the round medians (exact for few rounds) and a percentile bootstrap
 * interval of the ratio of medians over rounds at level 1 - alpha. A point is a change only when the test is
 * significant at {@code alpha} <em>and</em> the change is larger than the noise threshold, whatever the p-value (as
 * criterion does). Without rounds in either file (schema 1, or a single round) the point's median is one
 * observation: there is no test, and only the noise threshold decides ({@link Basis#NOISE_ONLY}).
 *
 * <p>Network totals (the sum of median x repeat over the layers compared, per network, configuration, threads and
 * batch) are compared with their own interval: each bootstrap replicate resamples the rounds of every point of the
 * total; a total is a change when its interval excludes 1 and the change is above the noise threshold.
 * Only points that are ok in both runs are compared; the others are listed.
 */
public final class Comparison {
    /** The default noise threshold in percent. */
    public static final double DEFAULT_NOISE = 3;
    /** Bootstrap replicates per interval. */
    public static final int RESAMPLES = 2000;
    /** The bootstrap's seed: the same inputs always give the same intervals. */
    public static final long SEED = 0x6f7062656e6368L;

    private Comparison() {
    }

    public enum Verdict { SLOWER, FASTER, SAME }

    /** What decided a verdict. */
    public enum Basis {
        /** the test over round medians, the interval over rounds and the noise threshold */
        ROUNDS("rounds"),
        /** schema-1 files or one round: the median is one observation, only the noise threshold decides */
        NOISE_ONLY("no rounds: noise threshold only");

        private final String label;

        Basis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** An interval of a ratio B / A. */
    public record Interval(double lo, double hi) {
        public boolean above(double x) {
            return lo > x;
        }

        public boolean below(double x) {
            return hi < x;
        }
    }

    /** What decides: significance level, noise threshold in percent. */
    public record Settings(double alpha, double noisePercent) {
        public Settings {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must lie between 0 and 1, got " + alpha);
            }
            if (!(noisePercent >= 0) || Double.isInfinite(noisePercent)) {
                throw new IllegalArgumentException("the noise threshold must be a percentage of 0 or more, got "
                        + noisePercent);
            }
        }
    }

    /**
     * One point compared.
     *
     * @param interval null without rounds
     * @param test     the test over round medians, null without rounds
     */
    public record Row(String key, String network, String layer, String config, int threads, int batch, double medianA,
                      double medianB, double ratio, Interval interval, MannWhitney.Result test, int roundsA,
                      int roundsB, Basis basis, Verdict verdict) {
        /** The change of B against A in percent (positive: slower). */
        public double changePercent() {
            return (ratio - 1) * 100;
        }
    }

    /** A network total (sum of median x repeat) of one configuration compared; interval null without rounds. */
    public record Total(String network, String config, int threads, int batch, int points, double totalA,
                        double totalB, double ratio, Interval interval, Basis basis, Verdict verdict) {
        public double changePercent() {
            return (ratio - 1) * 100;
        }
    }

    /**
     * The comparison's rows and totals, and {@code coreRatio}: the median over the compared points of B's over A's
     * {@code noise.core_pass_ns} (the noise probe's fixed loop timed around the rounds), i.e. how much slower the
     * machine itself ran in B; null where either file lacks it.
     */
    public record Result(List<Row> rows, List<Total> totals, List<String> onlyA, List<String> onlyB,
                         List<String> notCompared, Settings settings, Double coreRatio) {
        public Result {
            rows = List.copyOf(rows);
            totals = List.copyOf(totals);
            onlyA = List.copyOf(onlyA);
            onlyB = List.copyOf(onlyB);
            notCompared = List.copyOf(notCompared);
        }

        public double alpha() {
            return settings.alpha();
        }

        /**
         * Points found slower by more than {@code percent} with confidence: the lower end of the ratio's interval
         * above 1 + percent/100 (without rounds, where there is no interval: the ratio itself). A point whose
         * median moved 6% but whose interval reaches down to +2% is not a regression beyond 5%: an A/A pair on a
         * VM whose speed drifts by a few percent between runs had such points in every run (issue 15).
         */
        public List<Row> regressions(double percent) {
            return rows.stream().filter(r -> r.verdict() == Verdict.SLOWER
                    && beyond(r.ratio(), r.interval(), percent)).toList();
        }

        /** Network totals found slower by more than {@code percent} with confidence, as for points. */
        public List<Total> totalRegressions(double percent) {
            return totals.stream().filter(t -> t.verdict() == Verdict.SLOWER
                    && beyond(t.ratio(), t.interval(), percent)).toList();
        }

        private static boolean beyond(double ratio, Interval interval, double percent) {
            return (interval == null ? ratio : interval.lo()) > 1 + percent / 100;
        }

        public long count(Verdict v) {
            return rows.stream().filter(r -> r.verdict() == v).count();
        }

        /** Points decided by the noise threshold alone (no rounds in A or B). */
        public long noiseOnly() {
            return rows.stream().filter(r -> r.basis() == Basis.NOISE_ONLY).count();
        }
    }

    /** With the default noise threshold. */
    public static Result of(List<PointRecord> a, List<PointRecord> b, double alpha) {
        return of(a, b, new Settings(alpha, DEFAULT_NOISE));
    }

    /** Round evidence read from the records ({@link RoundStats#of(PointRecord)}). */
    public static Result of(List<PointRecord> a, List<PointRecord> b, Settings settings) {
        return of(a, b, settings, RoundStats::of);
    }

    /** With the round evidence of each record given by {@code rounds}. */
    public static Result of(List<PointRecord> a, List<PointRecord> b, Settings settings,
                            Function<PointRecord, RoundStats> rounds) {
        Map<String, PointRecord> byKeyB = new LinkedHashMap<>();
        for (PointRecord p : Points.latest(b)) {
            byKeyB.put(p.key(), p);
        }
        List<Row> rows = new ArrayList<>();
        List<double[][]> evidence = new ArrayList<>(); // per row: round medians of A and B, or null
        List<Integer> repeats = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(SEED);
        List<Double> coreRatios = new ArrayList<>();
        for (PointRecord pa : Points.latest(a)) {
            PointRecord pb = byKeyB.remove(pa.key());
            if (pb == null) {
                onlyA.add(label(pa));
                continue;
            }
            if (!Points.timed(pa) || !Points.timed(pb)) {
                notCompared.add(label(pa) + ": A " + state(pa) + ", B " + state(pb));
                continue;
            }
            if (pa.noise() != null && pb.noise() != null && pa.noise().corePassNs() != null
                    && pb.noise().corePassNs() != null && pa.noise().corePassNs() > 0) {
                coreRatios.add(pb.noise().corePassNs() / pa.noise().corePassNs());
            }
            double ma = pa.timeUs().median();
            double mb = pb.timeUs().median();
            double ratio = mb / ma;
            double change = (ratio - 1) * 100;
            RoundStats ra = rounds.apply(pa);
            RoundStats rb = rounds.apply(pb);
            Verdict v;
            Row row;
            if (ra.hasRounds() && rb.hasRounds()) {
                double[] xa = ra.roundMedians();
                double[] xb = rb.roundMedians();
                MannWhitney.Result test = MannWhitney.testSmall(xa, xb);
                Interval iv = interval(ratio, new double[][][] {{xa}}, new double[][][] {{xb}}, new int[] {1},
                        settings.alpha(), random);
                boolean significant = test.significant(settings.alpha());
                v = !significant || Math.abs(change) <= settings.noisePercent() ? Verdict.SAME
                        : ratio > 1 ? Verdict.SLOWER : Verdict.FASTER;
                row = new Row(pa.key(), Points.network(pa), Points.layer(pa), Points.config(pa), pa.threads(),
                        pa.batch(), ma, mb, ratio, iv, test, xa.length, xb.length, Basis.ROUNDS, v);
                evidence.add(new double[][] {xa, xb});
            } else {
                v = byNoise(change, settings);
                row = new Row(pa.key(), Points.network(pa), Points.layer(pa), Points.config(pa), pa.threads(),
                        pa.batch(), ma, mb, ratio, null, null, ra.rounds(), rb.rounds(), Basis.NOISE_ONLY, v);
                evidence.add(null);
            }
            rows.add(row);
            repeats.add(Math.max(1, pa.repeat()));
        }
        List<String> onlyB = new ArrayList<>();
        byKeyB.values().forEach(p -> onlyB.add(label(p)));
        return new Result(rows, totals(rows, evidence, repeats, settings, random), onlyA, onlyB, notCompared,
                settings, coreRatios.isEmpty() ? null
                        : RoundStats.median(coreRatios.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private static Verdict byNoise(double change, Settings s) {
        return Math.abs(change) <= s.noisePercent() ? Verdict.SAME : change > 0 ? Verdict.SLOWER : Verdict.FASTER;
    }

    private static List<Total> totals(List<Row> rows, List<double[][]> evidence, List<Integer> repeats, Settings s,
                                      SplittableRandom random) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            groups.computeIfAbsent(r.network() + "|" + r.config() + "|" + r.threads() + "|" + r.batch(),
                    k -> new ArrayList<>()).add(i);
        }
        List<Total> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            Row first = rows.get(g.get(0));
            double ta = 0;
            double tb = 0;
            boolean allRounds = true;
            for (int i : g) {
                ta += rows.get(i).medianA() * repeats.get(i);
                tb += rows.get(i).medianB() * repeats.get(i);
                allRounds &= evidence.get(i) != null;
            }
            double ratio = tb / ta;
            double change = (ratio - 1) * 100;
            if (allRounds) {
                double[][][] xa = new double[g.size()][][];
                double[][][] xb = new double[g.size()][][];
                int[] rep = new int[g.size()];
                for (int k = 0; k < g.size(); k++) {
                    xa[k] = new double[][] {evidence.get(g.get(k))[0]};
                    xb[k] = new double[][] {evidence.get(g.get(k))[1]};
                    rep[k] = repeats.get(g.get(k));
                }
                Interval iv = interval(ratio, xa, xb, rep, s.alpha(), random);
                Verdict v = Math.abs(change) <= s.noisePercent() ? Verdict.SAME
                        : iv.above(1) ? Verdict.SLOWER : iv.below(1) ? Verdict.FASTER : Verdict.SAME;
                out.add(new Total(first.network(), first.config(), first.threads(), first.batch(), g.size(), ta, tb,
                        ratio, iv, Basis.ROUNDS, v));
            } else {
                out.add(new Total(first.network(), first.config(), first.threads(), first.batch(), g.size(), ta, tb,
                        ratio, null, Basis.NOISE_ONLY, byNoise(change, s)));
            }
        }
        return out;
    }

    /**
     * Percentile bootstrap interval at level 1 - alpha of the ratio of sums of (median of rounds x repeat), B over
     * A: each replicate resamples every point's rounds with replacement. The interval of the replicates' ratio is
     * scaled by {@code headline} over the ratio of the unresampled round medians, so that it surrounds the headline
     * ratio (the median of all samples) rather than the median of the round medians.
     *
     * @param a per point, a one-element array holding that point's round medians in A
     */
    static Interval interval(double headline, double[][][] a, double[][][] b, int[] repeat, double alpha,
                             SplittableRandom random) {
        double sa = 0;
        double sb = 0;
        for (int k = 0; k < a.length; k++) {
            sa += RoundStats.median(a[k][0]) * repeat[k];
            sb += RoundStats.median(b[k][0]) * repeat[k];
        }
        double center = sb / sa;
        double[] ratios = new double[RESAMPLES];
        double[] scratch = new double[64];
        for (int r = 0; r < RESAMPLES; r++) {
            double ta = 0;
            double tb = 0;
            for (int k = 0; k < a.length; k++) {
                ta += resampledMedian(a[k][0], random, scratch) * repeat[k];
                tb += resampledMedian(b[k][0], random, scratch) * repeat[k];
            }
            ratios[r] = tb / ta;
        }
        java.util.Arrays.sort(ratios);
        double lo = quantile(ratios, alpha / 2);
        double hi = quantile(ratios, 1 - alpha / 2);
        double scale = headline / center;
        return new Interval(lo * scale, hi * scale);
    }

    private static double resampledMedian(double[] x, SplittableRandom random, double[] scratch) {
        double[] s = x.length <= scratch.length ? scratch : new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = x[random.nextInt(x.length)];
        }
        java.util.Arrays.sort(s, 0, x.length);
        int n = x.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Linear interpolation between order statistics of sorted values. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static String state(PointRecord p) {
        if (!p.ok()) {
            return p.status().id();
        }
        return Points.timed(p) ? "ok" : "ok without a time";
    }

    static String label(PointRecord p) {
        return Points.network(p) + " " + Points.layer(p) + " " + Points.config(p) + " t" + p.threads() + " mb" + p.batch();
    }
}
