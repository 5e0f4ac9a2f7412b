package org.opbench.backend.cudnn;

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

/** The backend contract on cudnn (its running part needs a GPU), and what cudnn answers without one. */
class CudnnBackendTest implements BackendContract {
    private final CudnnBackend backend = new CudnnBackend();

    @Override
    public Subject subject() {
        return new Subject(new CudnnBackend(), NvidiaTestSupport.expectedHere("a CUDA GPU with cuDNN 9 and cuBLAS"));
    }

    @Test
    void algorithmsPerOpDefaultFirst() {
        assertEquals("auto", backend.algorithms(Op.CONV).get(0));
        assertEquals(18, backend.algorithms(Op.CONV).size());
        assertEquals(List.of("sgemm", "sgemm+tf32"), backend.algorithms(Op.FC));
        assertEquals(List.of("cudnn"), backend.algorithms(Op.POOL));
        assertEquals(List.of("accurate", "fast"), backend.algorithms(Op.SOFTMAX));
        assertEquals(List.of("none", "find"), backend.tuners());
    }

    @Test
    void refusalsNameWhatIsRefused() {
        Problem conv = Problems.parse(Op.CONV, "ic3ih8oc4kh3ph1");
        Problem pool = Problems.parse(Op.POOL, "max:ic3ih8kh2sh2");
        assertTrue(backend.supports(conv, new Variant("winograd", "none", 1)).supported());
        assertTrue(backend.supports(conv, new Variant("auto", "find", 1)).supported());
        assertTrue(backend.supports(conv, new Variant("auto+tensor_op", "find", 1)).supported());
        assertTrue(backend.supports(conv, new Variant("auto", "none", 1, Map.of("device", "1"))).supported());
        assertRefused(backend.supports(conv, new Variant("im2col", "none", 1)), "'im2col'");
        assertRefused(backend.supports(conv, new Variant("gemm", "find", 1)), "chooses the algorithm itself");
        assertRefused(backend.supports(pool, new Variant("cudnn", "find", 1)), "conv only");
        assertRefused(backend.supports(conv, new Variant("auto", "none", 2)), "threads=1 only");
        assertRefused(backend.supports(conv, new Variant("auto", "none", 1, Map.of("device", "-1"))), "device");
        assertRefused(backend.supports(conv, new Variant("auto", "none", 1, Map.of("device", "x"))), "device");        for (org.opbench.problem.Precision t : List.of(org.opbench.problem.Precision.F16,
                org.opbench.problem.Precision.BF16, org.opbench.problem.Precision.INT8)) {
            assertRefused(backend.supports(conv.withDtype(t), new Variant("auto", "none", 1)),
                    "f32 tensors only (CUDNN_DATA_FLOAT");
        }
    }

    @Test
    void prepareRefusesAnUnsupportedVariantWithoutTouchingTheGpu() {
        Problem pool = Problems.parse(Op.POOL, "max:ic3ih8kh2sh2");
        assertThrows(UnsupportedException.class,
                () -> backend.prepare(pool, new Variant("winograd", "none", 1), ProblemData.of(pool, 1)));
    }

    @Test
    void anAvailableProbeNamesCudnn9AndTheDevice() {
        Availability a = backend.probe();
        Assumptions.assumeTrue(a.available(), () -> "cudnn is unavailable here: " + a.reason());
        assertTrue(a.version().startsWith("cuDNN 9."), a.version());
        assertTrue(a.device().startsWith("cuda:0 "), a.device());
    }

    @Test
    void cudnnVersionsPrintAsMajorMinorPatch() {
        assertEquals("9.19.0", CudnnBackend.cudnnVersion(91900));
        assertEquals("9.1.12", CudnnBackend.cudnnVersion(90112));
    }

    @Test
    void workerEnvironmentPointsCudasCacheAtOpbenchsCache() {
        Map<String, String> env = backend.workerEnvironment(1, Path.of("/c"));
        assertEquals("/c/cuda/compute-cache", env.get("CUDA_CACHE_PATH"));
    }
}
