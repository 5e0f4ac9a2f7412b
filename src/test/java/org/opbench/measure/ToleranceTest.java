package org.opbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.problem.DataType;
import org.opbench.problem.Precision;
import org.opbench.problem.ProblemException;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/** One test per rule of {@link Tolerance#of}, from the stated execution alone. */
class ToleranceTest {
    private static final Numerics BF16_MATH = new Numerics(DataType.F32, DataType.BF16, DataType.F32);
    private static final Numerics F16_SUMS = new Numerics(DataType.F32, DataType.F32, DataType.F16);

    @Test
    void fp32WithoutATransformIsExactOrder() {
        assertEquals(Tolerance.EXACT_ORDER, Tolerance.of(Numerics.F32, Transform.NONE));
        // more precise than fp32 (the reference's double sums) is not reduced
        assertEquals(Tolerance.EXACT_ORDER,
                Tolerance.of(new Numerics(DataType.F32, DataType.F64, DataType.F64), Transform.NONE));
    }

    @Test
    void everyTransformIsLooserThanExactOrder() {
        assertEquals(Tolerance.TRANSFORM, Tolerance.of(Numerics.F32, Transform.WINOGRAD));
        assertEquals(Tolerance.TRANSFORM, Tolerance.of(Numerics.F32, Transform.FFT));
        // a library that may pick a transform without saying so gets the transform's bound, not exact order's
        assertEquals(Tolerance.TRANSFORM, Tolerance.of(Numerics.F32, Transform.UNREPORTED));
    }

    @Test
    void aNarrowerFloatInAnyOfTheThreeFormatsIsReducedPrecision() {
        for (Numerics n : List.of(Numerics.TF32, Numerics.F16, BF16_MATH, F16_SUMS)) {
            for (Transform t : Transform.values()) {
                assertEquals(Tolerance.REDUCED_PRECISION, Tolerance.of(n, t), n + " " + t);
            }
        }
    }

    @Test
    void anIntegerFormatIsQuantizedWhateverElse() {
        for (Transform t : Transform.values()) {
            assertEquals(Tolerance.QUANTIZED, Tolerance.of(Numerics.INT8, t));
        }
        assertEquals(Tolerance.QUANTIZED,
                Tolerance.of(new Numerics(DataType.F16, DataType.S8, DataType.S32), Transform.NONE));
    }

    @Test
    void theBoundsGrowWithTheLossOfPrecision() {
        assertTrue(Tolerance.EXACT_ORDER < Tolerance.TRANSFORM);
        assertTrue(Tolerance.TRANSFORM < Tolerance.REDUCED_PRECISION);
        assertTrue(Tolerance.REDUCED_PRECISION < Tolerance.QUANTIZED);
    }

    /** Names are for people: every word the old name matching looked for changes nothing. */
    @Test
    void renamingTheAlgorithmOrImplCannotChangeTheTolerance() {
        List<String> names = List.of("direct", "int8", "fp16 tensor_op tf32 half", "winograd_f63", "fft_tiling",
                "trt:int8", "cudnn:winograd:tensor_op", "sgemm+tf32", "");
        for (Numerics n : List.of(Numerics.F32, Numerics.TF32, Numerics.F16, Numerics.INT8)) {
            for (Transform t : Transform.values()) {
                double expected = Tolerance.of(n, t);
                for (String algorithm : names) {
                    for (String impl : names) {
                        assertEquals(expected, Tolerance.of(new Execution(algorithm, impl, n, t)),
                                algorithm + " / " + impl + " " + n + " " + t);
                    }
                }
            }
        }
        Execution plain = Execution.f32("direct", "gemm", Transform.NONE);
        assertEquals(Tolerance.EXACT_ORDER, Tolerance.of(plain.withImpl("int8 winograd fp16 tensor_op")));
    }

    @Test
    void theExecutionIsRecordedByFormatAndTransformIds() {
        Execution e = new Execution("tf32", "trt:tf32", Numerics.TF32, Transform.UNREPORTED);
        assertEquals(Map.of("storage", "f32", "math", "tf32", "accumulation", "f32", "transform", "unreported"),
                e.recorded());
    }

    @Test
    void problemsParseTheFourPrecisionsAndNothingElse() {
        for (Precision p : Precision.values()) {
            assertEquals(p, Precision.parse(p.id()));
        }
        for (String bad : new String[] {"tf32", "s8", "u8", "F32", "fp32", "", "int4"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> Precision.parse(bad), bad);
            assertTrue(e.getMessage().contains("f32, bf16, f16, int8"), e.getMessage());
        }
    }

    @Test
    void reducedPrecisionProblemsAllowTheirTypesEpsilonAndGrowWithNarrowSums() {
        org.opbench.problem.Problem p = org.opbench.problem.Problems.parse(org.opbench.problem.Op.CONV,
                "mb1ic16ih4oc2kh3", Precision.F16);
        Execution f32Sums = new Execution("a", "i", new Numerics(DataType.F16, DataType.F16, DataType.F32),
                Transform.NONE);
        assertEquals(2 * 0x1p-10, Tolerance.of(f32Sums, p, new float[] {1}), 1e-15);
        Execution f16Sums = new Execution("a", "i", Numerics.F16, Transform.NONE);
        assertEquals(0x1p-10 * 2 * 12, Tolerance.of(f16Sums, p, new float[] {1}), 1e-12); // K = 16 * 9 = 144
        org.opbench.problem.Problem b = p.withDtype(Precision.BF16);
        assertEquals(2 * 0x1p-7 + Tolerance.TRANSFORM, Tolerance.of(new Execution("w", "i",
                new Numerics(DataType.BF16, DataType.BF16, DataType.F32), Transform.WINOGRAD), b, new float[] {1}),
                1e-15);
    }

    @Test
    void int8ProblemsAllowOneLevelOfTheReferencesRange() {
        org.opbench.problem.Problem p = org.opbench.problem.Problems.parse(org.opbench.problem.Op.FC, "mb1ic10oc3",
                Precision.INT8);
        float level = org.opbench.problem.ProblemData.dstScale(p);
        float[] ref = {0, 10 * level, -20 * level};
        double tol = Tolerance.of(new Execution("a", "i", Numerics.INT8, Transform.NONE), p, ref);
        assertEquals((1 + Tolerance.LEVEL_SLACK) / 20, tol, 1e-9);
        float[] offByOne = {level, 11 * level, -20 * level};
        assertEquals(1.0, Tolerance.errorLevels(p, offByOne, ref), 1e-6);
        assertTrue(Check.relativeError(offByOne, ref) <= tol);
        float[] offByTwo = {2 * level, 10 * level, -20 * level};
        assertTrue(Check.relativeError(offByTwo, ref) > tol, "two levels off is a mismatch");
    }
}
