package org.opbench.backend.cudnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.Clock;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;

/**
 * Every operator and algorithm against the reference on small problems. Needs a CUDA device with cuDNN and
 * cuBLAS; skipped (with the probe's reason) where there is none.
 */
class CudnnGpuTest {
    private static final CudnnBackend BACKEND = new CudnnBackend();
    private static Availability availability;

    private static final String[] CONVS = {
        "mb1ic3ih8oc4kh3ph1",                 // padding
        "mb2ic4ih9iw7oc6kh3kw5sh2sw1ph1pw2",  // batch > 1, non-square kernel, stride 2, odd sizes
        "mb1ic8ih10oc8kh3ph1g8",              // depthwise
        "mb1ic8ih6oc12kh1g4",                 // grouped 1x1
        "mb1ic16ih14oc16kh3ph1",              // a Winograd/FFT-friendly 3x3
        "mb1ic2ih11oc3kh3ph2dh1",             // dilation
    };

    @BeforeAll
    static void probe() {
        availability = BACKEND.probe();
    }

    private static void assumeGpu() {
        Assumptions.assumeTrue(availability.available(), () -> "cudnn is unavailable here: " + availability.reason());
    }

    /** Runs one point like the driver does; returns null when cuDNN reports the combination unsupported. */
    private static String check(String op, String desc, String algorithm, String tuner) throws BackendException {
        Problem p = Problems.parse(Op.parse(op), desc);
        ProblemData data = ProblemData.of(p, 42);
        Variant v = new Variant(algorithm, tuner, 1);
        assertTrue(BACKEND.supports(p, v).supported(), desc + " " + algorithm);
        PreparedOp prepared;
        try {
            prepared = BACKEND.prepare(p, v, data);
        } catch (UnsupportedException e) {
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("cudnn"),
                    () -> "an unsupported answer names the cuDNN call or status: " + e.getMessage());
            return null;
        }
        try (prepared) {
            assertEquals(Clock.DEVICE, prepared.clock());
            prepared.run();
            prepared.run();
            assertTrue(prepared.lastDeviceNanos() >= 0);
            float[] out = prepared.output();
            double tol = Tolerance.of(prepared.execution());
            double err = Check.relativeError(out, Reference.compute(data));
            assertTrue(err <= tol, desc + " " + algorithm + " (" + prepared.impl() + "): rel_err " + err + " > " + tol);
            Map<String, Object> details = prepared.details();
            assertTrue(details.containsKey("h2d_ms") && details.containsKey("d2h_ms")
                    && details.containsKey("device_mem_bytes"), details.toString());
            return prepared.impl();
        }
    }

    @Test
    void autoConvMatchesTheReferenceOnEveryShape() throws BackendException {
        assumeGpu();
        for (String c : CONVS) {
            String impl = check("conv", c, "auto", "none");
            assertTrue(impl != null, "cuDNN's heuristic choice must run: " + c);
            assertTrue(impl.endsWith(":fma"), "plain auto runs FMA math, not TF32: " + impl);
        }
    }

    @Test
    void everyNamedConvAlgorithmEitherMatchesOrIsUnsupported() throws BackendException {
        assumeGpu();
        List<String> ran = new ArrayList<>();
        for (String c : CONVS) {
            for (String a : BACKEND.algorithms(Op.CONV)) {
                String impl = check("conv", c, a, "none");
                if (impl != null) {
                    ran.add(a);
                }
            }
        }
        assertTrue(ran.contains("implicit_gemm"), "implicit_gemm runs every shape: " + ran);
    }

    @Test
    void findTunerChoosesAndRecordsAnAlgorithm() throws BackendException {
        assumeGpu();
        for (String c : CONVS) {
            String impl = check("conv", c, "auto", "find");
            assertTrue(impl != null && impl.startsWith("cudnn:") && impl.endsWith(":fma"), c + " " + impl);
        }
    }

    /** Every descriptor with every algorithm must run and match (parsed first, so a bad one fails on any machine). */
    private static void allRun(String op, String[] descriptors, String... algorithms) throws BackendException {
        for (String d : descriptors) {
            Problems.parse(Op.parse(op), d);
        }
        assumeGpu();
        for (String d : descriptors) {
            for (String a : algorithms) {
                assertTrue(check(op, d, a, "none") != null, d + " " + a);
            }
        }
    }

    @Test
    void fcBothMathModes() throws BackendException {
        allRun("fc", new String[] {"mb1ic64oc10", "mb3ic4ih3iw3oc7", "mb8ic33oc17"}, "sgemm", "sgemm+tf32");
    }

    @Test
    void poolEveryAlgorithmAndPadding() throws BackendException {
        allRun("pool", new String[] {"max:mb2ic3ih8oh4kh2sh2", "max:ic3ih7kh3sh2ph1", "avg_np:ic3ih7kh3sh2ph1",
            "avg_p:ic3ih7kh3sh2ph1", "avg_np:mb2ic4ih7iw5kh7kw5"}, "cudnn");
    }

    @Test
    void ceilModePoolEitherMatchesOrIsUnsupportedWithCudnnsStatus() throws BackendException {
        assumeGpu();
        for (String d : new String[] {"max:ic4ih112oh56kh3sh2ph0", "avg_np:ic4ih14oh7kh3sh2ph0", "avg_p:ic4ih14oh7kh3sh2ph0"}) {
            check("pool", d, "cudnn", "none");
        }
    }

    @Test
    void softmaxBothAlgorithms() throws BackendException {
        allRun("softmax", new String[] {"mb1ic1000", "mb2ic10ih3iw4", "mb3ic7ih1iw5"}, "accurate", "fast");
    }
}
