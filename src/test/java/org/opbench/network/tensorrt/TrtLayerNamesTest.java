package org.opbench.network.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opbench.backend.tensorrt.LayerProfiler.Report;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.models.Networks;
import org.opbench.network.profile.KernelTiming;
import org.opbench.network.profile.LayerProfile;
import org.opbench.network.profile.LayerTime;
import org.opbench.network.spi.NameResolver;

/**
 * TensorRT layer names, in the forms its builder gives fused and inserted layers, mapped onto the built-in
 * networks' layers (no GPU needed: the names are what the profiler passes to {@code reportLayerTime}).
 */
class TrtLayerNamesTest {
    private static final NetGraph MOBILENET = Networks.get("mobilenet-v1-0.25-128").build();
    private static final NetLayers LAYERS = ShapeInference.infer(MOBILENET, 1, "m");
    private static final NameResolver NAMES = new NameResolver(MOBILENET, LAYERS);

    private static KernelTiming timing(String name) {
        return TrtLayerNames.timing(name, 10, NAMES, LAYERS.byName());
    }

    @Test
    void aFusedConvolutionBelongsToItsConvolution() {
        KernelTiming k = timing("conv2_1/dw + conv2_1/dw/bn + relu2_1/dw");
        assertEquals("conv2_1/dw", k.layer());
        assertEquals("Conv", k.op());
        assertEquals(List.of("conv2_1/dw + conv2_1/dw/bn + relu2_1/dw", "conv2_1/dw", "conv2_1/dw/bn", "relu2_1/dw"),
                TrtLayerNames.parts("conv2_1/dw + conv2_1/dw/bn + relu2_1/dw"));
    }

    @Test
    void theConvolutionWinsEvenWhenNamedAfterItsActivation() {
        assertEquals("conv1", timing("relu1 + conv1").layer());
        assertEquals("conv1", timing("{ForeignNode[relu1...conv1]}").layer());
    }

    @Test
    void pointwiseKernelsBelongToTheirFirstNode() {
        KernelTiming k = timing("PWN(PWN(conv1/bn), relu1)");
        assertEquals("conv1/bn", k.layer());
        assertEquals("BatchNormalization", k.op());
    }

    @Test
    void insertedLayersBelongToNoNode() {
        KernelTiming r = timing("Reformatting CopyNode for Input Tensor 0 to conv2_1/dw + relu2_1/dw");
        assertNull(r.layer());
        assertEquals("Reformat", r.op());
        KernelTiming u = timing("(Unnamed Layer* 12) [Shuffle]");
        assertNull(u.layer());
        assertEquals("Shuffle", u.op());
        assertNull(timing("something_tensorrt_made").layer());
    }

    @Test
    void mediansPerLayerOverRunsThenTheProfileMapsFusion() {
        List<List<Report>> runs = List.of(
                List.of(new Report("conv1 + conv1/bn + relu1", 0.010f), new Report("pool6", 0.002f),
                        new Report("Reformatting CopyNode for Input Tensor 0 to fc7", 0.001f)),
                List.of(new Report("conv1 + conv1/bn + relu1", 0.030f), new Report("pool6", 0.004f),
                        new Report("Reformatting CopyNode for Input Tensor 0 to fc7", 0.001f)),
                List.of(new Report("conv1 + conv1/bn + relu1", 0.020f), new Report("pool6", 0.001f),
                        new Report("pool6", 0.002f), new Report("Reformatting CopyNode for Input Tensor 0 to fc7",
                                0.001f)));
        List<KernelTiming> k = TrtLayerNames.medians(runs, NAMES, LAYERS);
        Map<String, KernelTiming> byName = k.stream().collect(Collectors.toMap(KernelTiming::name, x -> x));
        assertEquals(20.0, byName.get("conv1 + conv1/bn + relu1").us(), 1e-3);
        assertEquals(3.0, byName.get("pool6").us(), 1e-3); // the third run's two reports count as one
        assertEquals("conv1 + conv1/bn + relu1", k.get(0).name());

        Map<String, LayerTime> mapped = LayerProfile.map(LAYERS, k).stream()
                .collect(Collectors.toMap(LayerTime::name, x -> x));
        assertEquals(20.0, mapped.get("conv1").us(), 1e-3);
        assertEquals("conv1", mapped.get("conv1/bn").fusedInto());
        assertEquals("conv1", mapped.get("relu1").fusedInto());
        assertTrue(mapped.get("Reformatting CopyNode for Input Tensor 0 to fc7").inserted());
        assertFalse(mapped.get("conv2_1/dw").executed()); // no report for it in this made-up profile
    }

    @Test
    void residualAddsResolveInResNet() {
        NetGraph g = Networks.get("resnet-50").build();
        NetLayers layers = ShapeInference.infer(g, 1, "m");
        KernelTiming k = TrtLayerNames.timing("res2a_branch2c + bn2a_branch2c + res2a + res2a_relu", 5,
                new NameResolver(g, layers), layers.byName());
        assertEquals("res2a_branch2c", k.layer());
    }
}
