package org.opbench.backend.opencl.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tuner's decision rule on hand-made round medians (no OpenCL needed). */
class DecisionTest {
    static final double[] UNTUNED = {100, 102, 99, 130, 101, 100, 98, 103, 100};

    @Test
    void aCandidateClearlyFasterInEveryRoundReplacesTheDefault() {
        double[] cand = {80, 81, 79, 104, 80, 82, 78, 83, 80}; // about 1.25x in each round, an episode in round 3
        Decision.Verdict v = Decision.decide(UNTUNED, cand, "c");
        assertTrue(v.tuned(), v.reason());
        assertTrue(v.reason().startsWith("tuned: c, gain "), v.reason());
        assertEquals(9, v.gain().rounds());
        assertTrue(v.gain().lo() > 1.2 && v.gain().hi() < 1.3, v.gain().toString());
        assertTrue(v.gain().lo() <= v.gain().ratio() && v.gain().ratio() <= v.gain().hi());
    }

    @Test
    void aCandidateFasterOnlyInSomeRoundsDoesNot() {
        // faster by 20% in 4 rounds, 2% slower in 5: the median gain is about 1 and the interval reaches below 1
        double[] cand = {83, 104, 82, 133, 84, 102, 100, 105, 102};
        Decision.Verdict v = Decision.decide(UNTUNED, cand, "c");
        assertFalse(v.tuned(), v.reason());
        assertTrue(v.reason().startsWith("kept default: no candidate clearly better"), v.reason());
        assertTrue(v.gain().lo() < 1, v.gain().toString());
    }

    @Test
    void aSmallButConsistentGainBelowTheMarginKeepsTheDefault() {
        double[] cand = new double[UNTUNED.length];
        for (int i = 0; i < cand.length; i++) {
            cand[i] = UNTUNED[i] / 1.02; // 2% faster in every round: real, but within the 3% margin
        }
        Decision.Verdict v = Decision.decide(UNTUNED, cand, "c");
        assertFalse(v.tuned(), v.reason());
        assertEquals(1.02, v.gain().lo(), 1e-9);
        assertTrue(Decision.decide(UNTUNED, cand, "c", 0.01).tuned(), "a 1% margin accepts it");
    }

    @Test
    void tooFewRoundsGiveNoIntervalAndKeepTheDefault() {
        Decision.Verdict v = Decision.decide(new double[] {100, 100, 100}, new double[] {50, 50, 50}, "c");
        assertFalse(v.tuned(), v.reason());
        assertTrue(v.reason().contains("only 3 rounds"), v.reason());
        assertEquals(0, v.gain().coverage());
    }

    @Test
    void orderStatisticIntervalsHaveTheirBinomialCoverage() {
        assertEquals(0, Decision.lowerRank(5)); // 1 - 2/32 = 0.9375 < 0.95
        assertEquals(1, Decision.lowerRank(6)); // 1 - 2/64 = 0.969
        assertEquals(1, Decision.lowerRank(8)); // k = 2 would give 1 - 2*9/256 = 0.930
        assertEquals(2, Decision.lowerRank(9)); // 1 - 2*10/512 = 0.961
        assertEquals(1 - 2 * 10 / 512.0, Decision.coverage(9, 2), 1e-12);
        assertEquals(Decision.MIN_ROUNDS, 6);
        assertTrue(Tuner.ROUNDS >= Decision.MIN_ROUNDS);
    }

    @Test
    void roundsMustPair() {
        assertThrows(IllegalArgumentException.class, () -> Decision.gain(new double[3], new double[4]));
    }
}
