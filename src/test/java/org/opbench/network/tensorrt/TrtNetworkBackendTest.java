package org.opbench.network.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.opbench.backend.tensorrt.Precision;
import org.opbench.measure.Tolerance;
import org.opbench.backend.cuda.NvidiaTestSupport;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.models.Networks;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.spi.Availability;
import org.opbench.spi.UnsupportedException;

/** The whole-network tensorrt backend's contract on any machine (no GPU needed). */
class TrtNetworkBackendTest {
    private final TrtNetworkBackend backend = new TrtNetworkBackend();

    @Test
    void registeredAsANetworkBackendUnderTheOperatorBackendsName() {
        boolean found = false;
        for (NetworkBackend b : ServiceLoader.load(NetworkBackend.class)) {
            found |= b.name().equals("tensorrt") && b instanceof TrtNetworkBackend;
        }
        assertTrue(found);
    }

    @Test
    void precisionIsTheAlgorithmAxis() {
        assertEquals(List.of("fp32", "tf32", "fp16", "int8"), backend.algorithms());
        assertEquals(List.of("device", "workspace_mb", "calibration_batches"), backend.options());
    }

    @Test
    void toleranceFollowsThePrecision() {
        double fp32 = Tolerance.of(Precision.FP32.execution("trt:fp32"));
        double fp16 = Tolerance.of(Precision.FP16.execution("trt:fp16"));
        assertTrue(fp32 < fp16);
        assertTrue(fp16 < Tolerance.of(Precision.INT8.execution("trt:int8")));
    }

    private static NetRequest request(String algorithm, int threads, Map<String, String> options) {
        NetGraph g = Networks.get("mobilenet-v1-0.25-128").build();
        NetLayers layers = ShapeInference.infer(g, 1, "m");
        return new NetRequest(Path.of("unused.onnx"), g.input(), new long[] {1, 3, 128, 128}, new float[3 * 128 * 128],
                g.outputs().get(0), layers.outputDims().get(g.outputs().get(0)), threads, algorithm, options, g, layers);
    }

    @Test
    void refusesWhatItCannotRunBeforeTouchingTheGpu() {
        UnsupportedException p = assertThrows(UnsupportedException.class,
                () -> backend.open(request("fp8", 1, Map.of())));
        assertTrue(p.getMessage().contains("no precision 'fp8'"), p.getMessage());
        UnsupportedException t = assertThrows(UnsupportedException.class,
                () -> backend.open(request("fp32", 2, Map.of())));
        assertTrue(t.getMessage().contains("threads=1 only"), t.getMessage());
        UnsupportedException o = assertThrows(UnsupportedException.class,
                () -> backend.open(request("fp16", 1, Map.of("workspace_mb", "0"))));
        assertTrue(o.getMessage().contains("tensorrt.workspace_mb"), o.getMessage());
    }

    @Test
    void availableExactlyWhenTheOperatorBackendIsAndForTheSameReason() {
        Availability a = backend.probe();
        Availability op = new org.opbench.backend.tensorrt.TensorRtBackend().probe();
        assertEquals(op.available(), a.available());
        assertEquals(op.reason(), a.reason());
        if (!NvidiaTestSupport.driverLibraryPresent()) {
            assertEquals(NvidiaTestSupport.NO_DRIVER, a.reason());
        }
    }
}
