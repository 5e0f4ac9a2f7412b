package org.opbench.network.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.measure.Tolerance;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.models.Networks;
import org.opbench.network.onnx.OnnxExport;
import org.opbench.network.opencv.OpenCvNetworkBackend;
import org.opbench.network.ort.OrtNetworkBackend;
import org.opbench.spi.Availability;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/** Network sessions state what they run as operator points do; the network check's tolerance follows from it. */
class NetSessionPrecisionTest {
    @TempDir
    static Path dir;

    @Test
    void onnxRuntimeCpuStatesFp32WithoutTransformAtEveryLevel() throws Exception {
        OrtNetworkBackend backend = new OrtNetworkBackend();
        assume(backend.probe());
        for (String level : backend.algorithms()) {
            Execution e = execution(backend, level);
            assertEquals(level, e.algorithm());
            assertEquals(Numerics.F32, e.numerics());
            assertEquals(Transform.NONE, e.transform());
            assertEquals(Tolerance.EXACT_ORDER, Tolerance.of(e));
        }
    }

    @Test
    void openCvStatesWinogradExactlyWhenItIsEnabled() throws Exception {
        OpenCvNetworkBackend backend = new OpenCvNetworkBackend();
        assume(backend.probe());
        assertEquals(Transform.WINOGRAD, execution(backend, "winograd").transform());
        assertEquals(Transform.NONE, execution(backend, "no-winograd").transform());
        assertEquals(Tolerance.TRANSFORM, Tolerance.of(execution(backend, "winograd")));
    }

    private static void assume(Availability a) {
        Assumptions.assumeTrue(a.available(), a.reason());
    }

    private static Execution execution(NetworkBackend backend, String algorithm) throws Exception {
        NetGraph g = Networks.get("mobilenet-v1-0.25-128").build();
        Path model = dir.resolve("m.onnx");
        if (!model.toFile().exists()) {
            OnnxExport.write(g, 7, model);
        }
        NetLayers layers = ShapeInference.infer(g, 1, "m");
        String out = g.outputs().get(0);
        NetRequest r = new NetRequest(model, g.input(), new long[] {1, 3, 128, 128}, new float[3 * 128 * 128], out,
                layers.outputDims().get(out), 1, algorithm, Map.of(), g, layers);
        try (NetSession s = backend.open(r)) {
            s.run();
            return s.execution();
        }
    }
}
