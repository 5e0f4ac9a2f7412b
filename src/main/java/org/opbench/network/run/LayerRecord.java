package org.opbench.network.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One layer of a network measurement as the framework's profiler saw it ({@code record: "layer"}), or a kernel the
 * framework inserted ({@code inserted: true}).
 *
 * @param index     position of the layer in the network (inserted kernels follow the layers)
 * @param op        the opbench operator (conv, fc, pool, softmax) where the layer maps to a descriptor, else its
 *                  ONNX operator (Relu, BatchNormalization, Concat, ...) or the framework's for inserted kernels
 * @param onnxOp    the ONNX operator (null for inserted kernels)
 * @param problem   the canonical descriptor at this batch (without the name), null where none applies
 * @param kernelOp  the framework's operator for the kernel that ran it (e.g. {@code Conv} for an NCHWc convolution
 *                  with its batch norm and ReLU, {@code Convolution} in OpenCV)
 * @param kernels   the framework's names of those kernels
 * @param timeUs    median time per run of the layer's kernel(s), 0 for fused or removed layers
 * @param share     timeUs over the sum of all kernels' times
 * @param flops     the layer's operation count per batch (0 for layers without a descriptor)
 * @param gflops    flops / time, null when no time
 * @param fusedInto the layer whose kernel computed this one too, else null
 * @param fused     the layers this one's kernel computed too
 * @param executed  false for a layer that no kernel computed (done in place or removed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"record", "model", "backend", "algorithm", "threads", "batch", "index", "layer", "op", "onnx_op",
        "problem", "kernel_op", "kernels", "time_us", "share", "flops", "gflops", "fused_into", "fused", "executed",
        "inserted", "note"})
public record LayerRecord(String record, String model, String backend, String algorithm, int threads, int batch,
                          int index, String layer, String op, String onnxOp, String problem, String kernelOp,
                          List<String> kernels, double timeUs, double share, long flops, Double gflops,
                          String fusedInto, List<String> fused, boolean executed, boolean inserted, String note) {
    public static final String KIND = "layer";
}
