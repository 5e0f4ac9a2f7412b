package org.opbench.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opbench.testing.Refusals.assertRefused;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opbench.backend.cuda.NvidiaTestSupport;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;
import org.opbench.testing.BackendContract;

/** The backend contract on tensorrt (its running part needs a GPU), and what tensorrt answers without one. */
class TensorRtBackendTest implements BackendContract {
    private final TensorRtBackend backend = new TensorRtBackend();
    private final Problem conv = Problems.parse(Op.CONV, "ic3ih8oc4kh3ph1");

    @Override
    public Subject subject() {
        return new Subject(new TensorRtBackend(), NvidiaTestSupport.expectedHere("a CUDA GPU with TensorRT 10"));
    }

    @Test
    void precisionIsTheAlgorithmAxisForEveryOp() {
        for (Op op : Op.values()) {
            assertEquals(List.of("fp32", "tf32", "fp16", "int8"), backend.algorithms(op));
        }
        assertEquals(List.of("none"), backend.tuners());
    }

    @Test
    void refusalsNameWhatIsRefused() {
        assertTrue(backend.supports(conv, new Variant("fp16", "none", 1)).supported());
        assertRefused(backend.supports(conv, new Variant("bf16", "none", 1)), "'bf16'");
        assertRefused(backend.supports(conv, new Variant("fp32", "none", 4)), "threads=1 only");
        assertRefused(backend.supports(conv, new Variant("fp32", "none", 1, Map.of("workspace_mb", "0"))),
                "tensorrt.workspace_mb");
        assertRefused(backend.supports(conv, new Variant("fp32", "none", 1, Map.of("calibration_batches", "x"))),
                "tensorrt.calibration_batches");
        assertRefused(backend.supports(conv, new Variant("fp32", "none", 1, Map.of("device", "-2"))), "device");
    }

    /** A problem's dtype selects the engine: f16 problems on the fp16 engine only; int8 and bf16 refused, saying why. */
    @Test
    void theProblemsDtypeSelectsTheEngine() {
        Problem f16 = conv.withDtype(org.opbench.problem.Precision.F16);
        assertTrue(backend.supports(f16, new Variant("fp16", "none", 1)).supported());
        for (String other : List.of("fp32", "tf32", "int8")) {
            assertRefused(backend.supports(f16, new Variant(other, "none", 1)), "--algorithms fp16");
        }
        Problem int8 = conv.withDtype(org.opbench.problem.Precision.INT8);
        for (String engine : List.of("fp32", "fp16", "int8")) {
            assertRefused(backend.supports(int8, new Variant(engine, "none", 1)), "zero point 0");
        }
        assertRefused(backend.supports(conv.withDtype(org.opbench.problem.Precision.BF16), new Variant("fp16", "none", 1)),
                "bf16 problems are not bound");
        for (String engine : List.of("fp32", "tf32", "fp16", "int8")) {
            assertTrue(backend.supports(conv, new Variant(engine, "none", 1)).supported(), "f32 on " + engine);
        }
    }

    @Test
    void optionsParse() {
        TensorRtBackend.Settings s = TensorRtBackend.Settings.of(new Variant("int8", "none", 1,
                Map.of("device", "1", "workspace_mb", "256", "calibration_batches", "3")));
        assertEquals(1, s.device());
        assertEquals(256L << 20, s.workspaceBytes());
        assertEquals(3, s.calibrationBatches());
        TensorRtBackend.Settings d = TensorRtBackend.Settings.of(new Variant("fp32", "none", 1));
        assertEquals(0, d.device());
        assertEquals(1024L << 20, d.workspaceBytes());
        assertEquals(8, d.calibrationBatches());
    }

    @Test
    void enginesAreBuiltFromTheSingleNodeModelsOnnxRuntimeRuns() throws Exception {
        byte[] model = OnnxSources.defaultSource().model(conv, ProblemData.of(conv, 1));
        assertArrayEquals(org.opbench.onnx.SingleNodeModels.build(conv, ProblemData.of(conv, 1)), model);
    }

    @Test
    void prepareAsksTheModelSourceForTheProblemAndItsData() {
        Object[] seen = new Object[2];
        TensorRtBackend b = new TensorRtBackend((p, d) -> {
            seen[0] = p;
            seen[1] = d;
            throw new UnsupportedException("no model for this test");
        });
        ProblemData data = ProblemData.of(conv, 7);
        assertThrows(UnsupportedException.class, () -> b.prepare(conv, new Variant("fp16", "none", 1), data));
        assertEquals(conv, seen[0]);
        assertEquals(data, seen[1]);
    }

    @Test
    void anAvailableProbeNamesTensorRt10() {
        Availability a = backend.probe();
        Assumptions.assumeTrue(a.available(), () -> "tensorrt is unavailable here: " + a.reason());
        assertTrue(a.version().startsWith("TensorRT 10."), a.version());
    }

    @Test
    void workerEnvironmentPointsCudasCacheAtOpbenchsCache() {
        assertEquals("/c/cuda/compute-cache", backend.workerEnvironment(1, Path.of("/c")).get("CUDA_CACHE_PATH"));
    }
}
