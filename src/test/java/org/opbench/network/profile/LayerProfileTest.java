package org.opbench.network.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayer;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.models.Networks;
import org.opbench.network.spi.NameResolver;

/** Mapping of per-kernel times onto layers, as OpenCV and ONNX Runtime name and fuse them. */
class LayerProfileTest {
    private static Map<String, LayerTime> byName(List<LayerTime> t) {
        return t.stream().collect(Collectors.toMap(LayerTime::name, x -> x, (a, b) -> a));
    }

    /** OpenCV reports every layer, as onnx_node!NAME, with zero time for those it fused. */
    @Test
    void openCvZeroTimeLayersAreFusedIntoTheirProducer() {
        NetGraph g = Networks.get("mobilenet-v1-0.25-128").build();
        NetLayers layers = ShapeInference.infer(g, 1, "m");
        NameResolver names = new NameResolver(g, layers);
        List<KernelTiming> k = new ArrayList<>();
        for (NetLayer l : layers.layers()) {
            String type = switch (l.onnxOp()) {
                case "Conv" -> "Convolution";
                case "BatchNormalization" -> "BatchNorm";
                case "Clip" -> "ReLU6";
                case "AveragePool" -> "Pooling";
                default -> l.onnxOp();
            };
            boolean fused = type.equals("BatchNorm") || type.equals("ReLU6");
            double us = fused || type.equals("Flatten") ? 0 : 10 + l.index();
            k.add(new KernelTiming("onnx_node!" + l.name(), type, us, names.resolve(l.name())));
        }
        k.add(new KernelTiming("prob", "Identity", 1.0, null)); // OpenCV's output layer
        Map<String, LayerTime> t = byName(LayerProfile.map(layers, k));
        assertEquals(List.of("conv2_1/dw/bn", "relu2_1/dw"), t.get("conv2_1/dw").fused());
        assertEquals("conv2_1/dw", t.get("relu2_1/dw").fusedInto());
        assertEquals(10 + layers.get("conv2_1/dw").index(), t.get("conv2_1/dw").us());
        assertFalse(t.get("pool6/flatten").executed(), "a flatten done in place is not fused into anything");
        assertNull(t.get("pool6/flatten").fusedInto());
        assertTrue(t.get("prob").layer() != null && t.get("prob").us() > 0, "the softmax keeps its own time");
        LayerTime inserted = LayerProfile.map(layers, k).get(layers.layers().size());
        assertTrue(inserted.inserted());
        assertEquals("Identity", inserted.kernelOp());
    }

    /** A residual add without a kernel went into the convolution that computes the later of its inputs. */
    @Test
    void residualAddIsFusedIntoTheLaterBranch() {
        NetGraph g = Networks.get("resnet-50").build();
        NetLayers layers = ShapeInference.infer(g, 1, "r");
        List<KernelTiming> k = new ArrayList<>();
        for (NetLayer l : layers.layers()) {
            if (l.onnxOp().equals("Conv")) {
                k.add(new KernelTiming(l.name() + "_nchwc", "Conv", 5, l.name()));
            }
        }
        Map<String, LayerTime> t = byName(LayerProfile.map(layers, k));
        assertEquals("res2a_branch2c", t.get("res2a").fusedInto());
        assertEquals("res2a_branch2c", t.get("res2a_relu").fusedInto());
        assertEquals("res2a_branch1", t.get("bn2a_branch1").fusedInto());
        assertEquals(List.of("bn2a_branch2c", "res2a", "res2a_relu"), t.get("res2a_branch2c").fused());
        assertFalse(t.get("pool1").executed(), "no kernel and not fusible: reported as not executed");
    }

    /** A kernel named after a later layer of another operator is walked back to its compatible producer. */
    @Test
    void kernelNamedAfterTheFusedActivationBelongsToTheConvolution() {
        NetGraph g = Networks.get("squeezenet-1.1").build();
        NetLayers layers = ShapeInference.infer(g, 1, "s");
        List<KernelTiming> k = List.of(new KernelTiming("relu_conv1", "FusedConv", 7, "relu_conv1"),
                new KernelTiming("pool1", "MaxPool", 3, "pool1"));
        Map<String, LayerTime> t = byName(LayerProfile.map(layers, k));
        assertEquals(7, t.get("conv1").us());
        assertEquals("conv1", t.get("relu_conv1").fusedInto());
        assertEquals(0, t.get("relu_conv1").us());
        assertEquals(3, t.get("pool1").us());
    }

    @Test
    void operatorAliases() {
        assertTrue(LayerProfile.compatible("Convolution", "Conv"));
        assertTrue(LayerProfile.compatible("FusedConv", "Conv"));
        assertTrue(LayerProfile.compatible("Pooling", "GlobalAveragePool"));
        assertTrue(LayerProfile.compatible("ReLU6", "Clip"));
        assertTrue(LayerProfile.compatible("FusedGemm", "Gemm"));
        assertFalse(LayerProfile.compatible("Conv", "Relu"));
    }
}
