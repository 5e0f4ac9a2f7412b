package org.opbench.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.backend.opencl.ops.Operators;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/** The OpenCL backend states Winograd for its Winograd kernels (also when {@code auto} picks them), fp32. */
class OpenClPrecisionTest {
    @TempDir
    static Path cache;

    @Test
    void theWinogradKernelsStateWinogradAndTheOthersNoTransform() throws Exception {
        OpenClBackend backend = new OpenClBackend();
        Availability a = backend.probe();
        Assumptions.assumeTrue(a.available(), () -> "no usable OpenCL: " + a.reason());
        Problem p = Problems.parse(Op.CONV, "mb1ic4ih8iw8oc4kh3kw3ph1pw1");
        Map<String, Transform> expected = Map.of("winograd", Transform.WINOGRAD, "direct", Transform.NONE,
                "gemm", Transform.NONE);
        for (Map.Entry<String, Transform> x : expected.entrySet()) {
            assertEquals(x.getValue(), execution(backend, p, x.getKey()).transform(), x.getKey());
        }
        Execution auto = execution(backend, p, "auto");
        Transform picked = Operators.resolve(p, "auto").equals("winograd") ? Transform.WINOGRAD : Transform.NONE;
        assertEquals(picked, auto.transform(), auto.impl());
        assertEquals(Numerics.F32, auto.numerics());
        assertEquals("auto", auto.algorithm());
    }

    /**
     * f16 needs the device's cl_khr_fp16: a device without it (PoCL on this project's CPUs) is refused naming the
     * extension; one with it is refused because the kernels have no half variant yet. int8 and bf16 are refused.
     */
    @Test
    void reducedPrecisionsAreRefusedNamingWhy() throws Exception {
        OpenClBackend backend = new OpenClBackend();
        Availability a = backend.probe();
        Assumptions.assumeTrue(a.available(), () -> "no usable OpenCL: " + a.reason());
        Problem p = Problems.parse(Op.CONV, "mb1ic4ih8iw8oc4kh3kw3ph1pw1");
        Variant v = new Variant("auto", "none", 1);
        org.opbench.spi.Support f16 = backend.supports(p.withDtype(org.opbench.problem.Precision.F16), v);
        org.junit.jupiter.api.Assertions.assertFalse(f16.supported());
        org.junit.jupiter.api.Assertions.assertTrue(f16.reason().contains("cl_khr_fp16"), f16.reason());
        org.junit.jupiter.api.Assertions.assertThrows(org.opbench.spi.UnsupportedException.class,
                () -> backend.prepare(p.withDtype(org.opbench.problem.Precision.F16), v,
                        ProblemData.of(p.withDtype(org.opbench.problem.Precision.F16), 7)));
        org.opbench.testing.Refusals.assertRefused(backend.supports(p.withDtype(org.opbench.problem.Precision.INT8), v),
                "no int8 variant");
        org.opbench.testing.Refusals.assertRefused(backend.supports(p.withDtype(org.opbench.problem.Precision.BF16), v),
                "no standard bf16");
    }

    private static Execution execution(OpenClBackend backend, Problem p, String algorithm) throws Exception {
        Variant v = new Variant(algorithm, "none", 1, Map.of(OpenClBackend.OPTION_CACHE, cache.toString()));
        try (PreparedOp op = backend.prepare(p, v, ProblemData.of(p, 7))) {
            return op.execution();
        }
    }
}
