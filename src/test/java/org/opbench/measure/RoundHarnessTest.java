package org.opbench.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opbench.spi.Clock;
import org.opbench.spi.PreparedOp;

/**
 * The round harness (issue 15): how a point's budget is split into rounds, the seeded interleaving, the re-run of a
 * disturbed round, the CI target; and {@link RoundStats}: the interval on hand-worked data and what {@code unstable}
 * means. Timings that must be exact come from ops on the device clock whose "device" reports the durations the test
 * chooses — a real {@link PreparedOp} whose device is a script, not a mock of the harness.
 */
class RoundHarnessTest {

    /** minReps 10, no minimum time, at most 10 reps: 5 rounds of 2 repetitions each. */
    private static MeasureSettings settings(int rounds, Double targetCi) {
        return new MeasureSettings(0, 0, 10, 0, 10_000, 10, 0.02, false, null, 0, rounds, 0.03, targetCi);
    }

    /** A device-clock op whose every run "takes" {@code nanos.get()} ns on its device. */
    private static final class ScriptedOp extends EmptyOp {
        private final java.util.function.LongSupplier nanos;

        ScriptedOp(java.util.function.LongSupplier nanos) {
            this.nanos = nanos;
        }

        @Override
        public Clock clock() {
            return Clock.DEVICE;
        }

        @Override
        public long lastDeviceNanos() {
            return nanos.getAsLong();
        }
    }

    /** Collects what the harness reports: every announced round and each point's samples. */
    private static final class Collect implements RoundHarness.Listener {
        final List<Integer> starts = new ArrayList<>();
        final Map<Integer, RoundSamples> done = new HashMap<>();
        final Map<Integer, Exception> failed = new HashMap<>();

        @Override
        public void starting(int point) {
            starts.add(point);
        }

        @Override
        public void done(int point, RoundSamples samples) {
            done.put(point, samples);
        }

        @Override
        public void failed(int point, Exception error) {
            failed.put(point, error);
        }
    }

    /** An observer that calls chosen rounds (counted over all points, from 0) disturbed. */
    private static final class DisturbOn implements RoundObserver {
        private final Set<Integer> disturbed;
        private final boolean always;
        int rounds;

        DisturbOn(Set<Integer> disturbed, boolean always) {
            this.disturbed = disturbed;
            this.always = always;
        }

        @Override
        public void beforeRound() {
        }

        @Override
        public Disturbance afterRound(long roundNanos) {
            int r = rounds++;
            boolean hit = always || disturbed.contains(r);
            return new Disturbance(hit ? 20.0 : 0.0, hit ? 3 : 0, 1L, 0.0, 0.0, 0.0, null, 1.0, 2000L, 0,
                    hit ? "steal 20% of the round" : null);
        }
    }

    @Test
    void aPointsBudgetIsSplitEvenlyOverItsRounds() {
        EmptyOp op = new EmptyOp();
        Collect c = new Collect();
        new RoundHarness(settings(5, null), RoundObserver.NONE).run(List.of(op), 1, c);
        RoundSamples s = c.done.get(0);
        assertEquals(5, s.rounds());
        assertEquals(10, s.count());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, s.round());
        assertEquals(Clock.WALL, s.clock());
        assertEquals(0, s.reruns());
        assertTrue(s.timedNs() > 0 && s.warmupNs() > 0);
        assertTrue(op.runs() >= 10 + 5 + 1, "timed, one settling run per round, warm-up: " + op.runs());
        assertEquals(2, new RoundHarness(settings(5, null), RoundObserver.NONE).roundReps());
    }

    @Test
    void theOrderOfRoundsIsSeededAndEveryPointGetsItsRounds() {
        List<Integer> a = order(7);
        assertEquals(a, order(7), "same seed, same order");
        assertNotEquals(a, order(8), "another seed, another order");
        for (int p = 0; p < 4; p++) {
            int point = p;
            assertEquals(5, a.stream().filter(x -> x == point).count());
        }
        assertNotEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3), a, "interleaved");
    }

    /** The points of the rounds, in the order they ran (the warm-ups, one per point in order, left out). */
    private static List<Integer> order(long seed) {
        Collect c = new Collect();
        List<PreparedOp> ops = List.of(new EmptyOp(), new EmptyOp(), new EmptyOp(), new EmptyOp());
        new RoundHarness(settings(5, null), RoundObserver.NONE).run(ops, seed, c);
        assertEquals(4, c.done.size());
        assertEquals(List.of(0, 1, 2, 3), c.starts.subList(0, 4));
        return c.starts.subList(4, c.starts.size());
    }

    @Test
    void aDisturbedRoundIsDroppedAndRunAgainButItsNoiseCounts() {
        long[] next = {100};
        ScriptedOp op = new ScriptedOp(() -> next[0]);
        DisturbOn observer = new DisturbOn(Set.of(1, 2), false);
        Collect c = new Collect();
        new RoundHarness(settings(3, null), observer).run(List.of(op), 1, c);
        RoundSamples s = c.done.get(0);
        assertEquals(5, observer.rounds, "3 rounds and 2 re-runs");
        assertEquals(3, s.rounds());
        assertEquals(2, s.reruns());
        assertEquals(2, s.disturbedRounds());
        assertEquals(5, s.allNoise().size());
        assertEquals(3, s.roundNoise().size());
        assertTrue(s.roundNoise().stream().noneMatch(Disturbance::disturbed), "the dropped rounds are not kept");
        assertEquals(3 * 4, s.count(), "3 kept rounds of ceil(10/3) repetitions");
        assertEquals(List.of(0, 1, 2), Arrays.stream(s.round()).distinct().boxed().toList());
    }

    @Test
    void reRunsAreBoundedThenTheDisturbedRoundIsKeptAndNamed() {
        ScriptedOp op = new ScriptedOp(() -> 100);
        DisturbOn observer = new DisturbOn(Set.of(), true);
        Collect c = new Collect();
        new RoundHarness(settings(3, null), observer).run(List.of(op), 1, c);
        RoundSamples s = c.done.get(0);
        assertEquals(6, observer.rounds, "at most `rounds` re-runs per point");
        assertEquals(3, s.reruns());
        assertEquals(6, s.disturbedRounds());
        assertEquals(3, s.rounds());
        assertTrue(s.roundNoise().stream().allMatch(Disturbance::disturbed));
        assertEquals(3, s.disturbedKept());
        assertTrue(s.mostlyDisturbed(), "every kept round disturbed: the headline is a disturbed reading");
    }

    @Test
    void aPointIsMostlyDisturbedOnlyWhenMoreThanHalfItsKeptRoundsAre() {
        // runs 0-2 are disturbed and re-run (the budget: 3 re-runs), so run 3, disturbed too, is kept
        ScriptedOp op = new ScriptedOp(() -> 100);
        DisturbOn observer = new DisturbOn(Set.of(0, 1, 2, 3), false);
        Collect c = new Collect();
        new RoundHarness(settings(3, null), observer).run(List.of(op), 1, c);
        RoundSamples s = c.done.get(0);
        assertEquals(3, s.reruns());
        assertEquals(1, s.disturbedKept(), "one disturbed round kept once the re-runs were spent");
        assertFalse(s.mostlyDisturbed(), "1 of 3 kept rounds disturbed: the median is an undisturbed round's");

        DisturbOn more = new DisturbOn(Set.of(0, 1, 2, 3, 4), false);
        Collect c2 = new Collect();
        new RoundHarness(settings(3, null), more).run(List.of(new ScriptedOp(() -> 100)), 1, c2);
        RoundSamples s2 = c2.done.get(0);
        assertEquals(2, s2.disturbedKept());
        assertTrue(s2.mostlyDisturbed(), "2 of 3 kept rounds disturbed");
    }

    @Test
    void aCiTargetAddsRoundsUntilTheIntervalIsNarrowOrTheBudgetIsSpent() {
        // every repetition of a round takes 100 or 200 ns on the device, alternating from round to round
        int[] round = {0};
        RoundObserver alternate = new RoundObserver() {
            @Override
            public void beforeRound() {
                round[0]++;
            }

            @Override
            public Disturbance afterRound(long roundNanos) {
                return Disturbance.UNKNOWN;
            }
        };
        ScriptedOp bimodal = new ScriptedOp(() -> round[0] % 2 == 0 ? 100 : 200);
        Collect c = new Collect();
        MeasureSettings s = new MeasureSettings(0, 0, 20, 0, 10_000, 20, 0.02, false, null, 0, 5, 0.03, 0.01);
        new RoundHarness(s, alternate).run(List.of(bimodal), 1, c);
        assertEquals(MeasureSettings.MAX_ROUNDS, c.done.get(0).rounds(), "never narrower than 1%: rounds to the cap");

        Collect steady = new Collect();
        new RoundHarness(s, RoundObserver.NONE).run(List.of(new ScriptedOp(() -> 150)), 1, steady);
        assertEquals(5, steady.done.get(0).rounds(), "already within the target after the planned rounds");
    }

    @Test
    void aPointThatThrowsIsReportedAndTheOthersFinish() {
        PreparedOp bad = new EmptyOp() {
            int n;

            @Override
            public void run() {
                if (++n > 3) {
                    throw new IllegalStateException("device lost");
                }
            }
        };
        Collect c = new Collect();
        new RoundHarness(settings(5, null), RoundObserver.NONE).run(List.of(new EmptyOp(), bad, new EmptyOp()), 3, c);
        assertEquals(Set.of(0, 2), c.done.keySet());
        assertEquals("device lost", c.failed.get(1).getMessage());
    }

    @Test
    void theIntervalOfFiveOneSampleRoundsIsTheirRange() {
        // the median of 5 values resampled from {1..5} is 1 with probability P(at least 3 of 5 draws are 1) = 5.8%,
        // more than 2.5%: the 2.5% percentile is 1, and the 97.5% one is 5 by symmetry
        RoundStats s = RoundStats.of(new double[] {3, 1, 5, 2, 4}, new int[] {0, 1, 2, 3, 4}, 5);
        assertEquals(3, s.median());
        assertArrayEquals(new double[] {3, 1, 5, 2, 4}, s.roundMedians());
        assertEquals(1.0, s.ciLo());
        assertEquals(5.0, s.ciHi());
        assertEquals(200.0 / 3, s.ciPct().doubleValue(), 1e-9);
        assertTrue(s.unstable(3));
    }

    @Test
    void identicalRoundsHaveAZeroWidthIntervalAndOneRoundHasNone() {
        RoundStats same = RoundStats.of(new double[] {10, 12, 10, 12, 10, 12}, new int[] {0, 0, 1, 1, 2, 2}, 3);
        assertEquals(11, same.median());
        assertEquals(11.0, same.ciLo());
        assertEquals(11.0, same.ciHi());
        assertEquals(0.0, same.ciPct());
        assertFalse(same.unstable(3));

        RoundStats one = RoundStats.of(new double[] {10, 12, 11}, new int[] {0, 0, 0}, 1);
        assertEquals(11, one.median());
        assertNull(one.ciLo());
        assertNull(one.ciPct());
        assertNull(one.unstable(3), "no interval, no verdict");
    }

    @Test
    void theWeightedMedianEqualsTheMedianOfTheMultisetItStandsFor() {
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int rounds = 1 + r.nextInt(6);
            double[][] by = new double[rounds][];
            List<Double> pooled = new ArrayList<>();
            int[] count = new int[rounds];
            for (int k = 0; k < rounds; k++) {
                by[k] = new double[1 + r.nextInt(7)];
                for (int i = 0; i < by[k].length; i++) {
                    by[k][i] = r.nextInt(20); // ties on purpose
                    pooled.add(by[k][i]);
                }
                Arrays.sort(by[k]);
            }
            for (int i = 0; i < rounds; i++) {
                count[r.nextInt(rounds)]++;
            }
            List<Double> multiset = new ArrayList<>();
            for (int k = 0; k < rounds; k++) {
                for (int c = 0; c < count[k]; c++) {
                    for (double v : by[k]) {
                        multiset.add(v);
                    }
                }
            }
            double[] m = multiset.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] all = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertEquals(RoundStats.median(m), RoundStats.weightedMedian(all, by, count), "trial " + trial);
        }
    }

    @Test
    void unstableSaysWhyTheRoundsDisagree() {
        RoundStats bimodal = RoundStats.of(new double[] {10, 10.1, 10, 20, 20.2}, new int[] {0, 1, 2, 3, 4}, 5);
        assertTrue(bimodal.unstable(3));
        assertEquals("rounds disagree: bimodal", bimodal.cause(List.of()));
        RoundStats spread = RoundStats.of(new double[] {10, 11, 12, 13, 14}, new int[] {0, 1, 2, 3, 4}, 5);
        assertTrue(spread.unstable(3));
        assertEquals("round medians spread 33.3%", spread.cause(List.of()));
        List<String> causes = new ArrayList<>(Arrays.asList(null, "steal 14% of the round", "steal 14% of the round",
                "3 other runnable tasks"));
        assertEquals("steal 14% of the round; 3 other runnable tasks", spread.cause(causes),
                "the probe's causes come first, each once");
        assertFalse(spread.unstable(40), "the threshold decides");
    }
}
