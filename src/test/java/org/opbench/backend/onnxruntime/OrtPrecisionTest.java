package org.opbench.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtProvider;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opbench.problem.DataType;
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

/** The execution an ONNX Runtime point states follows from its provider. */
class OrtPrecisionTest {

    @Test
    void theCpuProviderIsFp32WithoutTransformsAndLibraryProvidersDoNotReportTheirs() {
        Map<OrtProvider, Numerics> expected = Map.of(OrtProvider.CPU, Numerics.F32, OrtProvider.CUDA, Numerics.TF32,
                OrtProvider.TENSOR_RT, Numerics.TF32, OrtProvider.CORE_ML, Numerics.F16,
                OrtProvider.ACL, new Numerics(DataType.F32, DataType.BF16, DataType.F32));
        expected.forEach((p, n) -> assertEquals(n, OrtPrecision.numerics(p), p.getName()));
        assertEquals(Transform.NONE, OrtPrecision.transform(OrtProvider.CPU));
        for (OrtProvider p : OrtProvider.values()) {
            if (p != OrtProvider.CPU && OrtSessionOptions.registrable(p) == null) {
                assertEquals(Transform.UNREPORTED, OrtPrecision.transform(p), p.getName());
            }
        }
    }

    @Test
    void aPreparedCpuPointStatesWhatItRan() throws Exception {
        OnnxRuntimeBackend backend = new OnnxRuntimeBackend();
        Availability a = backend.probe();
        Assumptions.assumeTrue(a.available(), a.reason());
        Problem p = Problems.parse(Op.CONV, "mb1ic4ih8iw8oc4kh3kw3ph1pw1");
        try (PreparedOp op = backend.prepare(p, new Variant("cpu-all", "none", 1), ProblemData.of(p, 3))) {
            op.run();
            Execution e = op.execution();
            assertEquals("cpu-all", e.algorithm());
            assertEquals("CPUExecutionProvider:Conv", e.impl());
            assertEquals(Numerics.F32, e.numerics());
            assertEquals(Transform.NONE, e.transform());
        }
    }
}
