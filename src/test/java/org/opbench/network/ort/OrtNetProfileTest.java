package org.opbench.network.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opbench.backend.onnxruntime.OrtProfile;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.models.Networks;
import org.opbench.network.profile.KernelTiming;
import org.opbench.network.profile.LayerProfile;
import org.opbench.network.profile.LayerTime;
import org.opbench.network.spi.NameResolver;

/**
 * A real ONNX Runtime 1.29 profile of mobilenet-v1-0.25-128 at cpu-all, batch 2, 2 threads (three runs kept): the
 * NCHWc convolutions are named after the fused ReLU6's output ({@code relu1_nchwc}), batch norm and ReLU6 have no
 * kernels, and ORT inserts {@code ReorderOutput} kernels.
 */
class OrtNetProfileTest {
    private static final String RESOURCE = "/org/opbench/network/mobilenet-v1-0.25-128_cpu-all_t2_b2_profile.json";

    private static OrtProfile profile() throws IOException {
        try (InputStream in = OrtNetProfileTest.class.getResourceAsStream(RESOURCE)) {
            return OrtProfile.parse(in);
        }
    }

    private static NetGraph graph() {
        return Networks.get("mobilenet-v1-0.25-128").build();
    }

    @Test
    void mediansSkipTheFirstRunAndNameTheLayers() throws IOException {
        NetGraph g = graph();
        NetLayers layers = ShapeInference.infer(g, 2, "m");
        List<KernelTiming> k = OrtNetSession.medians(profile(), new NameResolver(g, layers));
        Map<String, KernelTiming> byName = k.stream().collect(Collectors.toMap(KernelTiming::name, x -> x));
        assertEquals("relu1", byName.get("relu1_nchwc").layer());
        assertEquals("Conv", byName.get("relu1_nchwc").op());
        assertEquals("fc7", byName.get("fc7").layer());
        assertNull(byName.get("ReorderOutput").layer());
        assertEquals(expectedMedian("fc7"), byName.get("fc7").us(), 1e-9);
        assertEquals(expectedMedian("relu3_1/sep_nchwc"), byName.get("relu3_1/sep_nchwc").us(), 1e-9);
    }

    /** The median of a kernel's durations over the runs after the first, read from the JSON independently. */
    private static double expectedMedian(String kernel) throws IOException {
        JsonNode events;
        try (InputStream in = OrtNetProfileTest.class.getResourceAsStream(RESOURCE)) {
            events = new ObjectMapper().readTree(in);
        }
        List<JsonNode> runs = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("name").asText().equals("model_run")) {
                runs.add(e);
            }
        });
        List<Long> durs = new ArrayList<>();
        for (JsonNode run : runs.subList(1, runs.size())) {
            long ts = run.path("ts").asLong();
            long end = ts + run.path("dur").asLong();
            events.forEach(e -> {
                if (e.path("name").asText().equals(kernel + "_kernel_time") && e.path("ts").asLong() >= ts
                        && e.path("ts").asLong() <= end) {
                    durs.add(e.path("dur").asLong());
                }
            });
        }
        assertEquals(2, durs.size());
        return (durs.get(0) + durs.get(1)) / 2.0;
    }

    @Test
    void fusedLayersAreFoundAndFlopsAddUp() throws IOException {
        NetGraph g = graph();
        NetLayers layers = ShapeInference.infer(g, 2, "m");
        List<LayerTime> times = LayerProfile.map(layers, OrtNetSession.medians(profile(), new NameResolver(g, layers)));
        Map<String, LayerTime> byName = times.stream().collect(Collectors.toMap(LayerTime::name, x -> x,
                (a, b) -> a));
        LayerTime conv1 = byName.get("conv1");
        assertEquals(List.of("relu1_nchwc"), conv1.kernels());
        assertEquals(List.of("conv1/bn", "relu1"), conv1.fused());
        assertEquals("conv1", byName.get("relu1").fusedInto());
        assertEquals(0.0, byName.get("relu1").us());
        for (LayerTime t : times) {
            if (t.layer() != null) {
                assertTrue(t.executed(), t.name() + " has a kernel or is fused");
                if (t.layer().onnxOp().equals("Conv")) {
                    assertTrue(t.us() > 0, t.name());
                }
            }
        }
        assertTrue(times.stream().anyMatch(t -> t.inserted() && t.kernelOp().equals("ReorderOutput")));
        assertEquals(layers.flops(), times.stream().filter(t -> !t.inserted()).mapToLong(t -> t.layer().flops()).sum());
        assertFalse(times.stream().anyMatch(t -> t.layer() != null && t.layer().onnxOp().equals("BatchNormalization")
                && t.fusedInto() == null));
    }
}
