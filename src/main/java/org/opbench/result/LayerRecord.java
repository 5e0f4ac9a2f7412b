package org.opbench.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One layer of a network measurement as the framework's profiler saw it ({@code record: "layer"}), or a kernel the
 * framework inserted ({@code inserted: true}).
 *
 * <p>Built by name through {@link #builder()}; the canonical constructor is for the builder and JSON reading.
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
 * @param flops     the layer's operation count per batch (0 for element-wise and layout layers), null when
 *                  opbench cannot derive it ({@code note} says why)
 * @param gflops    flops / time, null when no time
 * @param fusedInto the layer whose kernel computed this one too, else null
 * @param fused     the layers this one's kernel computed too
 * @param executed  false for a layer that no kernel computed (done in place or removed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"record", "model", "backend", "algorithm", "threads", "batch", "index", "layer", "op", "onnx_op",
        "problem", "kernel_op", "kernels", "time_us", "share", "flops", "gflops", "fused_into", "fused", "executed",
        "inserted", "note", "dtype"})
public record LayerRecord(String record, String model, String backend, String algorithm, int threads, int batch,
                          int index, String layer, String op, String onnxOp, String problem, String kernelOp,
                          List<String> kernels, double timeUs, double share, Long flops, Double gflops,
                          String fusedInto, List<String> fused, boolean executed, boolean inserted, String note,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String dtype) implements Record {
    public static final String KIND = "layer";

    public static Builder builder() {
        return new Builder();
    }

    /** A layer record by name; what is not set stays null (0 or false for the values that are never null). */
    public static final class Builder {
        private String model;
        private String backend;
        private String algorithm;
        private int threads;
        private int batch;
        private int index;
        private String layer;
        private String op;
        private String onnxOp;
        private String problem;
        private String kernelOp;
        private List<String> kernels;
        private double timeUs;
        private double share;
        private Long flops;
        private Double gflops;
        private String fusedInto;
        private List<String> fused;
        private boolean executed;
        private boolean inserted;
        private String note;
        private String dtype;

        private Builder() {
        }

        public Builder model(String value) { model = value; return this; }
        public Builder backend(String value) { backend = value; return this; }
        public Builder algorithm(String value) { algorithm = value; return this; }
        public Builder threads(int value) { threads = value; return this; }
        public Builder batch(int value) { batch = value; return this; }
        public Builder index(int value) { index = value; return this; }
        public Builder layer(String value) { layer = value; return this; }
        public Builder op(String value) { op = value; return this; }
        public Builder onnxOp(String value) { onnxOp = value; return this; }
        public Builder problem(String value) { problem = value; return this; }
        public Builder kernelOp(String value) { kernelOp = value; return this; }
        public Builder kernels(List<String> value) { kernels = value; return this; }
        public Builder timeUs(double value) { timeUs = value; return this; }
        public Builder share(double value) { share = value; return this; }
        public Builder flops(Long value) { flops = value; return this; }
        public Builder gflops(Double value) { gflops = value; return this; }
        public Builder fusedInto(String value) { fusedInto = value; return this; }
        public Builder fused(List<String> value) { fused = value; return this; }
        public Builder executed(boolean value) { executed = value; return this; }
        public Builder inserted(boolean value) { inserted = value; return this; }
        public Builder note(String value) { note = value; return this; }
        public Builder dtype(String value) { dtype = value; return this; }

        public LayerRecord build() {
            return new LayerRecord(KIND, model, backend, algorithm, threads, batch, index, layer, op, onnxOp, problem,
                    kernelOp, kernels, timeUs, share, flops, gflops, fusedInto, fused, executed, inserted, note,
                    dtype);
        }

    }
}
