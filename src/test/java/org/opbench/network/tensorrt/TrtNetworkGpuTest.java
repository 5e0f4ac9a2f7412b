package org.opbench.network.tensorrt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.backend.tensorrt.LayerProfiler;
import org.opbench.measure.Check;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.onnx.OnnxExport;
import org.opbench.network.models.Networks;
import org.opbench.network.ort.OrtNetworkBackend;
import org.opbench.network.profile.KernelTiming;
import org.opbench.network.profile.LayerProfile;
import org.opbench.network.profile.LayerTime;
import org.opbench.network.run.NetworkInput;
import org.opbench.measure.Tolerance;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.spi.Availability;

/**
 * MobileNet-v1-0.25-128 at batch 2 through TensorRT in every precision, against ONNX Runtime without graph
 * optimisation, and TensorRT's per-layer profile mapped onto the network's layers. The model is built and exported on
 * any machine; running it needs a CUDA device with TensorRT, and is skipped with the probe's reason where there is none.
 */
class TrtNetworkGpuTest {
    private static final String NET = "mobilenet-v1-0.25-128";

    @TempDir
    Path dir;

    private NetRequest request(String algorithm) throws Exception {
        NetGraph g = Networks.get(NET).build();
        Path model = dir.resolve(NET + ".onnx");
        if (!model.toFile().isFile()) {
            OnnxExport.write(g, 1, model);
        }
        int batch = 2;
        NetLayers layers = ShapeInference.infer(g, batch, "m");
        long[] chw = g.inputDims();
        float[] input = NetworkInput.of(g.digest(), batch, 1, chw);
        String out = g.outputs().get(0);
        return new NetRequest(model, g.input(), new long[] {batch, chw[0], chw[1], chw[2]}, input, out,
                layers.outputDims().get(out), 1, algorithm, Map.of(), g, layers);
    }

    @Test
    void everyPrecisionMatchesOnnxRuntimeAndProfilesMapToLayers() throws Exception {
        TrtNetworkBackend trt = new TrtNetworkBackend();
        NetRequest fp32 = request("fp32"); // graph, ONNX export and shapes are Java: they must work on every machine
        assertTrue(fp32.model().toFile().length() > 0, fp32.model().toString());
        Availability a = trt.probe();
        Assumptions.assumeTrue(a.available(), () -> "tensorrt is unavailable here: " + a.reason());
        float[] ref;
        try (NetSession s = new OrtNetworkBackend().open(request("cpu-none"))) {
            s.run();
            ref = s.output().clone();
        }
        for (String precision : trt.algorithms()) {
            NetRequest r = request(precision);
            try (NetSession s = trt.open(r)) {
                s.run();
                double err = Check.relativeError(s.output(), ref);
                assertTrue(err <= Tolerance.of(s.execution()), precision + ": rel_err " + err);
                assertTrue(s.details().containsKey("build_ms"));
                if (precision.equals("fp32") && LayerProfiler.load() == null) {
                    List<KernelTiming> k = s.profile(5);
                    assertFalse(k.isEmpty());
                    List<LayerTime> mapped = LayerProfile.map(r.layers(), k);
                    assertTrue(mapped.stream().anyMatch(t -> t.name().equals("conv1") && t.us() > 0), mapped.toString());
                }
            }
        }
    }
}
