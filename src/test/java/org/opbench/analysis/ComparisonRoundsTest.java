package org.opbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.opbench.result.PointRecord;
import org.opbench.result.RoundStats;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/**
 * compare on round-level evidence, on synthetic runs drawn (seeded) from one noise model: round medians scatter
 * lognormally by 4% (more than the 3% noise threshold, so the threshold alone cannot hide it) and one round in ten
 * is hit by a noise episode that slows it by up to 30%.
 */
class ComparisonRoundsTest {
    static final int POINTS = 60;
    static final int ROUNDS = 5;

    /** A synthetic run: one point per layer, each with its round medians. */
    record Run(List<PointRecord> points, Map<PointRecord, RoundStats> rounds) {
        RoundStats of(PointRecord p) {
            return rounds.getOrDefault(p, RoundStats.NONE);
        }
    }

    /** {@code exposed}: whether the records carry their rounds (false: a schema-1 file). */
    static Run run(long seed, double slowdown, boolean exposed) {
        int rounds = ROUNDS;
        SplittableRandom truth = new SplittableRandom(42); // the same true times in every run
        SplittableRandom noise = new SplittableRandom(seed);
        List<PointRecord> points = new ArrayList<>();
        Map<PointRecord, RoundStats> byPoint = new IdentityHashMap<>();
        for (int i = 0; i < POINTS; i++) {
            double t = 20 + truth.nextDouble() * 2000;
            double[] medians = new double[rounds];
            List<double[]> samples = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double episode = noise.nextDouble() < 0.1 ? 1 + 0.3 * noise.nextDouble() : 1;
                medians[r] = t * slowdown * Math.exp(0.04 * gaussian(noise)) * episode;
                samples.add(new double[0]);
            }
            double m = RoundStats.median(medians);
            PointRecord p = PointRecord.builder().op("conv").problem("mb1ic" + i).layer("l" + i).network("synthetic")
                    .repeat(1 + i % 3).batch(1).backend("b").algorithm("a").tuner("none").threads(1)
                    .status(Status.OK).samplesUs(medians).timeUs(new TimeStats(m, m, m, 0, m, m)).build();
            points.add(p);
            if (exposed) {
                byPoint.put(p, new RoundStats(medians, samples));
            }
        }
        return new Run(points, byPoint);
    }

    static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static Comparison.Result compare(Run a, Run b) {
        Map<PointRecord, RoundStats> all = new IdentityHashMap<>(a.rounds());
        all.putAll(b.rounds());
        return Comparison.of(a.points(), b.points(), new Comparison.Settings(0.01, Comparison.DEFAULT_NOISE),
                p -> all.getOrDefault(p, RoundStats.NONE));
    }

    @Test
    void anAaComparisonReportsAtMostOnePointInSixty() {
        int worst = 0;
        int changedAll = 0;
        int pairs = 20;
        for (long seed = 1; seed <= pairs; seed++) {
            Comparison.Result r = compare(run(seed * 2, 1, true), run(seed * 2 + 1, 1, true));
            assertEquals(POINTS, r.rows().size());
            assertEquals(0, r.noiseOnly());
            long changed = r.rows().size() - r.count(Comparison.Verdict.SAME);
            worst = Math.max(worst, (int) changed);
            changedAll += (int) changed;
            assertEquals(1, r.totals().size());
            assertEquals(Comparison.Verdict.SAME, r.totals().get(0).verdict(), r.totals().toString());
            assertTrue(r.totals().get(0).interval().lo() < 1 && r.totals().get(0).interval().hi() > 1);
        }
        // the rate over all pairs is at most 1 in 60 (with 5 independent rounds each the exact test alone allows
        // 2/252 = 1 in 126), and no single pair reports more than 2
        assertTrue(changedAll * 60 <= pairs * POINTS, changedAll + " of " + pairs * POINTS + " A/A comparisons changed");
        assertTrue(worst <= 2, "an A/A pair reported " + worst + " of " + POINTS + " points as changed");
        System.out.println("A/A: " + changedAll + " of " + pairs * POINTS + " point comparisons changed, worst pair "
                + worst);
    }

    @Test
    void aTwentyPercentSlowdownIsFoundOnPointsAndTotal() {
        Comparison.Result r = compare(run(3, 1, true), run(4, 1.2, true));
        long slower = r.count(Comparison.Verdict.SLOWER);
        assertEquals(0, r.count(Comparison.Verdict.FASTER));
        assertTrue(slower >= POINTS * 8 / 10, slower + " of " + POINTS + " slowed points found");
        Comparison.Total t = r.totals().get(0);
        assertEquals(Comparison.Verdict.SLOWER, t.verdict());
        assertEquals(Comparison.Basis.ROUNDS, t.basis());
        assertTrue(t.interval().lo() > 1.1 && t.interval().hi() < 1.3, t.toString());
        assertTrue(t.interval().lo() <= t.ratio() && t.ratio() <= t.interval().hi(), t.toString());
        assertEquals(1, r.totalRegressions(10).size());
        assertEquals(0, r.totalRegressions(25).size());
        // and the other way round it is faster, never a regression
        Comparison.Result back = compare(run(4, 1.2, true), run(3, 1, true));
        assertTrue(back.count(Comparison.Verdict.FASTER) >= POINTS * 8 / 10);
        assertTrue(back.regressions(0).isEmpty());
        assertEquals(Comparison.Verdict.FASTER, back.totals().get(0).verdict());
    }

    @Test
    void aSignificantChangeBelowTheNoiseThresholdIsNoChange() {
        // 2% slower in every round, without scatter: the test is as significant as five rounds allow
        double[] a = {100, 100.2, 100.4, 100.6, 100.8};
        double[] b = {102, 102.204, 102.408, 102.612, 102.816};
        PointRecord pa = point(100.4);
        PointRecord pb = point(102.408);
        Map<PointRecord, RoundStats> ev = new IdentityHashMap<>();
        ev.put(pa, new RoundStats(a, List.of()));
        ev.put(pb, new RoundStats(b, List.of()));
        Comparison.Result r = Comparison.of(List.of(pa), List.of(pb), new Comparison.Settings(0.05, 3), ev::get);
        assertTrue(r.rows().get(0).test().p() < 0.05, r.rows().toString());
        assertEquals(Comparison.Verdict.SAME, r.rows().get(0).verdict());
        Comparison.Result strict = Comparison.of(List.of(pa), List.of(pb), new Comparison.Settings(0.05, 1), ev::get);
        assertEquals(Comparison.Verdict.SLOWER, strict.rows().get(0).verdict());
    }

    @Test
    void aRegressionBeyondPercentNeedsItsWholeIntervalBeyond() {
        // every round of B slower (as significant as five rounds allow), the median 6% slower, but one round only 2%
        double[] a = {100, 100.2, 100.4, 100.6, 100.8};
        double[] b = {102.2, 106, 106.4, 106.8, 110};
        PointRecord pa = point(100.4);
        PointRecord pb = point(106.4);
        Map<PointRecord, RoundStats> ev = new IdentityHashMap<>();
        ev.put(pa, new RoundStats(a, List.of()));
        ev.put(pb, new RoundStats(b, List.of()));
        Comparison.Result r = Comparison.of(List.of(pa), List.of(pb), new Comparison.Settings(0.01, 3), ev::get);
        Comparison.Row row = r.rows().get(0);
        assertEquals(Comparison.Verdict.SLOWER, row.verdict());
        assertTrue(row.changePercent() > 5 && row.interval().lo() < 1.05, row.toString());
        assertTrue(r.regressions(5).isEmpty(), "its interval reaches below +5%: not a regression beyond 5%");
        assertEquals(1, r.regressions(1).size(), "but beyond 1% it is");
    }

    @Test
    void theCoresSpeedRatioIsTheMedianOverThePoints() {
        PointRecord a1 = withCore(10, 1000.0);
        PointRecord b1 = withCore(10, 1040.0);
        Comparison.Result r = Comparison.of(List.of(a1), List.of(b1), new Comparison.Settings(0.01, 3),
                p -> RoundStats.NONE);
        assertEquals(1.04, r.coreRatio(), 1e-12);
        Comparison.Result none = Comparison.of(List.of(point(10)), List.of(point(10)),
                new Comparison.Settings(0.01, 3), p -> RoundStats.NONE);
        assertNull(none.coreRatio(), "files without core_pass_ns: unknown");
    }

    static PointRecord withCore(double median, double corePassNs) {
        return PointRecord.builder().op("fc").problem("mb1ic8oc8").backend("b").algorithm("a").tuner("none")
                .threads(1).batch(1).repeat(1).status(Status.OK)
                .timeUs(new TimeStats(median, median, median, 0, median, median))
                .noise(new org.opbench.result.Noise(0.0, 0, 0L, 0.0, 0.0, 0.0, 1.0, corePassNs, 0, 0)).build();
    }

    @Test
    void withoutRoundsOnlyTheNoiseThresholdDecides() {
        Comparison.Result r = compare(run(5, 1, false), run(6, 1.2, false));
        assertEquals(POINTS, r.noiseOnly());
        for (Comparison.Row row : r.rows()) {
            assertEquals(Comparison.Basis.NOISE_ONLY, row.basis());
            assertNull(row.interval());
            assertNull(row.test());
            assertEquals(row.changePercent() > 3 ? Comparison.Verdict.SLOWER
                    : row.changePercent() < -3 ? Comparison.Verdict.FASTER : Comparison.Verdict.SAME, row.verdict());
        }
        assertNull(r.totals().get(0).interval());
        assertEquals("no rounds: noise threshold only", r.rows().get(0).basis().label());
        Comparison.Result same = compare(run(5, 1, false), run(5, 1, false));
        assertEquals(POINTS, same.count(Comparison.Verdict.SAME));
    }

    @Test
    void exactTestForFewRounds() {
        MannWhitney.Result p = MannWhitney.testSmall(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        assertEquals(2.0 / 252, p.p(), 1e-12);
        assertEquals(1.0, MannWhitney.testSmall(new double[] {1, 4}, new double[] {2, 3}).p(), 1e-12);
        // scipy.stats.mannwhitneyu([1,2,3,5],[4,6,7], method="exact").pvalue = 0.11428571428571428
        assertEquals(0.11428571428571428, MannWhitney.testSmall(new double[] {1, 2, 3, 5},
                new double[] {4, 6, 7}).p(), 1e-12);
        assertNotNull(MannWhitney.testSmall(new double[] {1, 1}, new double[] {1, 2})); // ties: the approximation
    }

    static PointRecord point(double median) {
        return PointRecord.builder().op("fc").problem("mb1ic8oc8").backend("b").algorithm("a").tuner("none")
                .threads(1).batch(1).repeat(1).status(Status.OK)
                .timeUs(new TimeStats(median, median, median, 0, median, median)).build();
    }
}
