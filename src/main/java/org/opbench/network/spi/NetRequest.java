package org.opbench.network.spi;

import java.nio.file.Path;
import java.util.Map;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;

/**
 * What to run: an ONNX file with one image input and one output, at a batch size, on a number of threads.
 *
 * @param model       the ONNX file
 * @param input       name of the image input
 * @param inputShape  {@code N, C, H, W}
 * @param inputData   the input values (NCHW), the same for every backend
 * @param output      name of the output compared and returned
 * @param outputShape its shape at this batch
 * @param threads     threads the framework may use
 * @param algorithm   one of {@link NetworkBackend#algorithms()}
 * @param options     backend options (prefix removed)
 * @param graph       the network's graph and...
 * @param layers      ...its layers at this batch, for naming profiled kernels ({@link NameResolver})
 * @param dtype       the model's precision: {@link #F32}, or {@link #INT8} for a QDQ-quantised model (uint8
 *                    activations, int8 per-channel weights, int32 biases)
 */
public record NetRequest(Path model, String input, long[] inputShape, float[] inputData, String output,
                         long[] outputShape, int threads, String algorithm, Map<String, String> options,
                         NetGraph graph, NetLayers layers, String dtype) {
    /** Precision id of an fp32 model. */
    public static final String F32 = "f32";
    /** Precision id of a QDQ-quantised int8 model. */
    public static final String INT8 = "int8";

    public NetRequest {
        options = Map.copyOf(options);
        if (!F32.equals(dtype) && !INT8.equals(dtype)) {
            throw new IllegalArgumentException("network precision must be f32 or int8, not " + dtype);
        }
    }

    /** An fp32 model. */
    public NetRequest(Path model, String input, long[] inputShape, float[] inputData, String output,
                      long[] outputShape, int threads, String algorithm, Map<String, String> options, NetGraph graph,
                      NetLayers layers) {
        this(model, input, inputShape, inputData, output, outputShape, threads, algorithm, options, graph, layers, F32);
    }

    /** Whether the model is QDQ-quantised int8. */
    public boolean int8() {
        return INT8.equals(dtype);
    }

    public String option(String key, String dflt) {
        return options.getOrDefault(key, dflt);
    }

    public long outputElements() {
        long n = 1;
        for (long d : outputShape) {
            n *= d;
        }
        return n;
    }
}
