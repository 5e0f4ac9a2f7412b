package org.opbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {
    @Test
    void identicalSamplesAreNotSignificant() {
        double[] a = {10.1, 10.4, 9.9, 10.0, 10.2, 10.3, 9.8};
        MannWhitney.Result r = MannWhitney.test(a, a.clone());
        assertEquals(a.length * a.length / 2.0, r.u(), 1e-12);
        assertEquals(1.0, r.p(), 1e-12);
        assertFalse(r.significant(0.01));
    }

    @Test
    void allValuesTiedGivesPOne() {
        MannWhitney.Result r = MannWhitney.test(new double[] {5, 5, 5}, new double[] {5, 5});
        assertEquals(1.0, r.p());
        assertEquals(0.0, r.z());
    }

    /** Expected values from scipy 1.17.1: mannwhitneyu(a, b, method="asymptotic", use_continuity=True). */
    @Test
    void matchesScipyOnKnownData() {
        MannWhitney.Result r1 = MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        assertEquals(0.0, r1.u());
        assertEquals(0.012185780355344813, r1.p(), 1e-6);
        MannWhitney.Result r2 = MannWhitney.test(new double[] {1, 2, 2, 3, 3, 3, 4}, new double[] {3, 4, 4, 5, 5, 6, 7, 7});
        assertEquals(3.5, r2.u());
        assertEquals(0.004793348746185457, r2.p(), 1e-6);
        MannWhitney.Result r3 = MannWhitney.test(new double[] {1.5, 2.5, 3.1, 2.2, 1.9, 2.8},
                new double[] {2.0, 3.3, 3.7, 2.9, 4.1, 3.0, 3.5});
        assertEquals(6.0, r3.u());
        assertEquals(0.03831876314941356, r3.p(), 1e-6);
        // symmetric: swapping the samples gives the other U and the same p
        MannWhitney.Result swapped = MannWhitney.test(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5});
        assertEquals(25.0, swapped.u());
        assertEquals(r1.p(), swapped.p(), 1e-12);
    }

    @Test
    void twentyPercentShiftWithThirtySamplesIsSignificant() {
        Random rnd = new Random(42);
        double[] a = new double[30];
        double[] b = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = 100 * (1 + 0.05 * rnd.nextGaussian()); // 5% noise
            b[i] = 120 * (1 + 0.05 * rnd.nextGaussian());
        }
        MannWhitney.Result r = MannWhitney.test(a, b);
        assertTrue(r.significant(0.01), "p = " + r.p());
        assertTrue(r.p() < 1e-6, "p = " + r.p());
        // and the same noise without a shift is not
        double[] c = new double[30];
        for (int i = 0; i < 30; i++) {
            c[i] = 100 * (1 + 0.05 * rnd.nextGaussian());
        }
        assertFalse(MannWhitney.test(a, c).significant(0.01), "p = " + MannWhitney.test(a, c).p());
    }

    @Test
    void erfcIsAccurate() {
        assertEquals(1.0, MannWhitney.erfc(0), 1e-7);
        assertEquals(0.157299207050285, MannWhitney.erfc(1), 1e-7);
        assertEquals(0.004677734981047, MannWhitney.erfc(2), 1e-8);
        assertEquals(1.842700792949715, MannWhitney.erfc(-1), 1e-7);
    }

    @Test
    void emptySampleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] {1}));
    }
}
