package org.opbench.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.opbench.problem.Precision;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.Availability;
import org.opbench.spi.Clock;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;

/** Every kernel and algorithm against the reference on small, awkward problems. */
class OpenClKernelsTest {
    @TempDir
    static Path cache;
    static OpenClBackend backend;
    static Availability avail;

    @BeforeAll
    static void probe() {
        backend = new OpenClBackend();
        avail = backend.probe();
    }

    static void assumeOpenCl() {
        OpenClTestSupport.ready(avail);
    }

    static Variant variant(String algorithm, String tuner) {
        return new Variant(algorithm, tuner, 1, Map.of(OpenClBackend.OPTION_CACHE, cache.toString()));
    }

    /** Prepares, runs twice, and compares with the reference; returns the details. */
    static Map<String, Object> check(Problem p, String algorithm) throws Exception {
        return check(p, algorithm, "none");
    }

    static Map<String, Object> check(Problem p, String algorithm, String tuner) throws Exception {
        assumeOpenCl();
        Variant v = variant(algorithm, tuner);
        Support s = backend.supports(p, v);
        assertTrue(s.supported(), () -> p + " " + algorithm + ": " + s.reason());
        ProblemData data = ProblemData.of(p, 7);
        float[] ref = Reference.compute(data);
        try (PreparedOp op = backend.prepare(p, v, data)) {
            op.run();
            op.run();
            assertEquals(Clock.DEVICE, op.clock());
            assertTrue(op.lastDeviceNanos() > 0, "device time of the last run");
            double err = Check.relativeError(op.output(), ref);
            double tol = Tolerance.of(op.execution());
            assertTrue(err <= tol, () -> p + " " + algorithm + " " + op.impl() + ": relative error " + err
                    + " > " + tol);
            assertNotNull(op.details().get("tuner_config"));
            return op.details();
        }
    }

    static ConvProblem conv(int mb, int g, int ic, int ih, int iw, int oc, int kh, int kw, int sh, int sw, int ph,
                            int pw) {
        return ConvProblem.of(mb, g, ic, ih, iw, oc, kh, kw, sh, sw, ph, pw, "");
    }

    static ConvProblem dilated(int ic, int ih, int iw, int oc, int kh, int kw, int ph, int pw, int dh, int dw) {
        int oh = ih + 2 * ph - ((kh - 1) * (dh + 1) + 1) + 1;
        int ow = iw + 2 * pw - ((kw - 1) * (dw + 1) + 1) + 1;
        return new ConvProblem(Precision.F32, 1, 1, ic, ih, iw, oc, oh, ow, kh, kw, 1, 1, ph, pw, dh, dw, "");
    }

    @Test
    void probeListsDevices() {
        assumeOpenCl();
        assertTrue(avail.details().containsKey("device.0"), avail.details().toString());
        assertTrue(avail.device().startsWith("opencl:"), avail.device());
    }

    /** Batch 2, 3 groups, 5x3 kernel, stride 2x1, padding 2x1, odd sizes. */
    static final ConvProblem GROUPED = conv(2, 3, 6, 7, 9, 9, 5, 3, 2, 1, 2, 1);
    /** Depthwise, batch 2, stride 2, odd sizes. */
    static final ConvProblem DEPTHWISE = conv(2, 8, 8, 9, 7, 8, 3, 3, 2, 2, 1, 1);
    /** Dilation 2x1 (benchdnn dh1 dw0), asymmetric padding. */
    static final ConvProblem DILATED = dilated(3, 9, 9, 4, 3, 3, 1, 2, 1, 0);

    @Test
    void directHandlesPaddingStrideGroupsDilationBatch() throws Exception {
        check(GROUPED, "direct");
        check(DILATED, "direct");
    }

    @Test
    void gemmHandlesIm2colPointwiseGroupsAndEdges() throws Exception {
        check(GROUPED, "gemm");
        check(conv(2, 2, 6, 5, 7, 10, 1, 1, 1, 1, 0, 0), "gemm");
        check(DILATED, "gemm");
    }

    @Test
    void winogradHandlesOddOutputsPaddingAndBatch() throws Exception {
        check(conv(2, 1, 3, 7, 9, 5, 3, 3, 1, 1, 1, 1), "winograd");
        check(conv(1, 1, 17, 6, 5, 19, 3, 3, 1, 1, 2, 0), "winograd");
    }

    @Test
    void depthwiseHandlesStridePaddingDilationBatch() throws Exception {
        check(DEPTHWISE, "depthwise");
        // stride 1, 21 columns: vector interior blocks between scalar edge blocks
        check(conv(2, 4, 4, 6, 21, 4, 3, 3, 1, 1, 1, 1), "depthwise");
        check(new ConvProblem(Precision.F32, 1, 5, 5, 9, 10, 5, 7, 8, 3, 3, 1, 1, 1, 0, 1, 0, ""), "depthwise");
    }

    @Test
    void autoPicksDepthwiseForDepthwiseAndGemmOtherwise() throws Exception {
        assertEquals("depthwise", check(DEPTHWISE, "auto").get("auto_choice"));
        assertEquals("gemm", check(GROUPED, "auto").get("auto_choice"));
        assertEquals("gemm", check(conv(1, 1, 8, 6, 6, 16, 1, 1, 1, 1, 0, 0), "auto").get("auto_choice"));
        assertEquals("auto", backend.algorithms(org.opbench.problem.Op.CONV).get(0));
    }

    @Test
    void fcGemvAndGemm() throws Exception {
        FcProblem odd = new FcProblem(Precision.F32, 3, 5, 3, 3, 11, "");
        for (String alg : new String[] {"gemv", "gemm"}) {
            check(odd, alg);
        }
    }

    @Test
    void poolAllAlgorithmsIncludingCeilMode() throws Exception {
        for (PoolAlg alg : PoolAlg.values()) {
            // H: floor mode would give 4 rows; ceil mode gives 5, the last window reaching past the input
            PoolProblem p = new PoolProblem(Precision.F32, alg, 2, 3, 8, 6, 5, 4, 3, 2, 2, 2, 1, 1, "");
            assertTrue(p.ceilMode() && p.padBottom() > p.ph(), p.toString());
            check(p, "direct");
        }
    }

    @Test
    void softmaxOverChannels() throws Exception {
        check(new SoftmaxProblem(Precision.F32, 2, 7, 3, 5, ""), "direct");
        check(new SoftmaxProblem(Precision.F32, 1, 1000, 1, 1, ""), "direct");
    }

    @Test
    void runAllocatesNothing() throws Exception {
        assumeOpenCl();
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
        ConvProblem p = conv(1, 1, 3, 6, 6, 4, 3, 3, 1, 1, 1, 1);
        try (PreparedOp op = backend.prepare(p, variant("winograd", "heuristic"), ProblemData.of(p, 1))) {
            for (int i = 0; i < 300; i++) {
                op.run();
                op.lastDeviceNanos();
            }
            long id = Thread.currentThread().getId();
            long probe = threads.getThreadAllocatedBytes(id);
            long counterCost = threads.getThreadAllocatedBytes(id) - probe;
            int runs = 1000;
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < runs; i++) {
                op.run();
                op.lastDeviceNanos();
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before - counterCost;
            // a single object per run would be at least 16 bytes each
            assertTrue(allocated < runs, "bytes allocated by " + runs + " runs of a three-kernel operator: "
                    + allocated);
        }
    }

    @Test
    void unsupportedCasesSayWhy() throws Exception {
        assumeOpenCl();
        ConvProblem fiveByFive = conv(1, 1, 3, 9, 9, 4, 5, 5, 1, 1, 2, 2);
        ConvProblem strided = conv(1, 1, 3, 9, 9, 4, 3, 3, 2, 2, 1, 1);
        ConvProblem grouped = conv(1, 2, 4, 9, 9, 4, 3, 3, 1, 1, 1, 1);
        ConvProblem dil = dilated(3, 9, 9, 4, 3, 3, 2, 2, 1, 1);
        for (ConvProblem p : new ConvProblem[] {fiveByFive, strided, grouped, dil}) {
            Support s = backend.supports(p, variant("winograd", "none"));
            assertFalse(s.supported(), p.toString());
            assertTrue(s.reason().contains("winograd"), s.reason());
            assertThrows(UnsupportedException.class,
                    () -> backend.prepare(p, variant("winograd", "none"), ProblemData.of(p, 1)));
        }
        Support dw = backend.supports(grouped, variant("depthwise", "none"));
        assertFalse(dw.supported());
        assertTrue(dw.reason().contains("g == ic == oc"), dw.reason());
        assertFalse(backend.supports(strided, variant("fft", "none")).supported());
        assertFalse(backend.supports(strided, variant("direct", "annealing")).supported());
        Support dev = backend.supports(strided, new Variant("direct", "none", 1,
                Map.of(DeviceSelector.OPTION, "no-such-device-xyz")));
        assertFalse(dev.supported());
        assertTrue(dev.reason().contains("no-such-device-xyz"), dev.reason());
    }
}
