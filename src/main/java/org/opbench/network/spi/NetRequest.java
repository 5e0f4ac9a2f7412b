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
 */
public record NetRequest(Path model, String input, long[] inputShape, float[] inputData, String output,
                         long[] outputShape, int threads, String algorithm, Map<String, String> options,
                         NetGraph graph, NetLayers layers) {
    public NetRequest {
        options = Map.copyOf(options);
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
