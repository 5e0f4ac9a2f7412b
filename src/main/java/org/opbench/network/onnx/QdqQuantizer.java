package org.opbench.network.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.opbench.network.ModelException;

/**
 * Turns an fp32 ONNX model into a QDQ-quantised int8 one, in the placement ONNX Runtime's CPU execution provider
 * fuses into integer kernels (QLinearConv, QGemm, QLinearAdd, QLinearConcat, QLinearAveragePool, ...):
 * <ol>
 *   <li>batch normalisations that follow a Conv (the Conv's only consumer, parameters as initializers) are folded
 *       into the Conv's weights and bias;</li>
 *   <li>weights of Conv, Gemm and MatMul: int8, symmetric, one scale per output channel
 *       ({@code scale = max|w| / 127}, zero point 0, {@code DequantizeLinear} along axis 0 (axis 1 for
 *       {@code [K, N]} weights)); their biases int32 on the grid {@code activation scale x weight scale} (zero point 0);</li>
 *   <li>activations: uint8 with one scale and zero point per tensor, from the minimum and maximum the tensor took over
 *       {@link #CALIBRATION_IMAGES} seeded random images ({@link #calibrationInput}), the range widened to hold 0:
 *       {@code scale = (max - min) / 255}, {@code zero = round(-min / scale)}; a {@code QuantizeLinear} /
 *       {@code DequantizeLinear} pair on every activation input and output of Conv, Gemm, MatMul, MaxPool,
 *       AveragePool, GlobalAveragePool, Add and Concat; an output whose only consumer is a Relu or a {@code Clip} with
 *       minimum 0 is quantised after that activation instead (the activation is then redundant with the uint8
 *       saturation and ORT removes it); the outputs of MaxPool, Flatten, Reshape and Squeeze keep their input's
 *       parameters (ORT drops Q/DQ around such operators only when they match); a Gemm or MatMul output that feeds
 *       no quantised operator (the classifier's logits before Softmax) stays float (ORT's QGemm then writes float).</li>
 * </ol>
 * Other operators (Softmax, LRN) read the dequantised tensor and compute in float. The minimum and maximum come from
 * a {@link Calibrator}: running the fp32 model is a framework's job, not this layer's.
 */
public final class QdqQuantizer {
    /** Version of the quantisation rules: part of the cached int8 model's name, raised when the rules change. */
    public static final int VERSION = 1;
    /** Images of the calibration batch. */
    public static final int CALIBRATION_IMAGES = 8;
    /** Mixed into the seed of the calibration images, so that they differ from the images a network run checks. */
    static final long CALIBRATION_STREAM = 0x6361_6c69_6272_6174L;

    private static final Set<String> QUANTISED_OPS = Set.of("Conv", "Gemm", "MatMul", "MaxPool", "AveragePool",
            "GlobalAveragePool", "Add", "Concat");
    private static final Set<String> SAME_PARAMS = Set.of("MaxPool", "Flatten", "Reshape", "Squeeze");
    private static final Set<String> ALL_INPUTS = Set.of("Add", "Concat");

    private QdqQuantizer() {
    }

    /** Runs an fp32 model and reports each requested tensor's minimum and maximum. */
    @FunctionalInterface
    public interface Calibrator {
        /**
         * @param model   the serialized model, whose graph outputs include {@code tensors}
         * @param input   name of the image input
         * @param shape   {@code N, C, H, W} of one run
         * @param images  the input values of each run
         * @param tensors the tensors to observe
         * @return {@code tensor -> {min, max}} over the runs
         */
        Map<String, float[]> minMax(byte[] model, String input, long[] shape, List<float[]> images,
                                    List<String> tensors);
    }

    /** What was quantised: counts for the command's message and tests. */
    public record Summary(int weights, int activations, int foldedBatchNorms, long bytes) {
    }

    /** The quantised model and its summary. */
    public record Result(ModelProto model, Summary summary) {
    }

    /**
     * Image {@code i} of the calibration batch: uniform in [-1, 1), as the network runs' inputs, from a stream of
     * {@code seed} of its own.
     */
    public static float[] calibrationInput(long seed, int i, long[] chw) {
        int n = Math.toIntExact(chw[0] * chw[1] * chw[2]);
        SplittableRandom r = new SplittableRandom((seed ^ CALIBRATION_STREAM) + 0x9E3779B97F4A7C15L * (i + 1));
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Quantises {@code fp32} (one image input {@code N x C x H x W}), calibrating with {@code calibrator}. */
    public static Result quantize(ModelProto fp32, long seed, Calibrator calibrator) {
        GraphProto g0 = fp32.getGraph();
        String name = g0.getName();
        int folded = countBatchNorms(g0);
        GraphProto g = foldBatchNorms(g0);
        folded -= countBatchNorms(g);
        Map<String, TensorProto> inits = new LinkedHashMap<>();
        g.getInitializerList().forEach(t -> inits.put(t.getName(), t));
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
            n.getOutputList().forEach(o -> producers.put(o, n));
        }
        Set<String> graphOutputs = new HashSet<>();
        g.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        Set<String> quantised = new LinkedHashSet<>();
        Set<String> linearParams = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            if (!QUANTISED_OPS.contains(n.getOpType())) {
                continue;
            }
            boolean linear = n.getOpType().equals("Conv") || n.getOpType().equals("Gemm")
                    || n.getOpType().equals("MatMul");
            for (int i = 1; linear && i < Math.min(3, n.getInputCount()); i++) {
                if (inits.containsKey(n.getInput(i)) && !linearParams.add(n.getInput(i))) {
                    throw new ModelException(name, "node '" + n.getName() + "' shares parameter '" + n.getInput(i)
                            + "' with another node; quantising shared weights is not supported");
                }
            }
            int inputs = ALL_INPUTS.contains(n.getOpType()) ? n.getInputCount() : 1;
            for (int i = 0; i < inputs; i++) {
                String in = n.getInput(i);
                if (!in.isEmpty() && !inits.containsKey(in)) {
                    quantised.add(in);
                }
            }
            for (String out : n.getOutputList()) {
                String q = afterActivation(out, consumers, graphOutputs, inits);
                boolean gemm = n.getOpType().equals("Gemm") || n.getOpType().equals("MatMul");
                if (gemm && consumers.getOrDefault(q, List.of()).stream()
                        .noneMatch(c -> QUANTISED_OPS.contains(c.getOpType()))) {
                    continue; // float logits: ORT's QGemm writes float when no QuantizeLinear follows
                }
                quantised.add(q);
            }
        }
        // calibrate the tensors whose parameters are their own (not inherited through MaxPool, Flatten, ...)
        List<String> observed = new ArrayList<>();
        for (String t : quantised) {
            String s = source(t, producers, quantised);
            if (!observed.contains(s)) {
                observed.add(s);
            }
        }
        Map<String, float[]> ranges = calibrate(g, fp32, seed, observed, calibrator);
        GraphProto.Builder out = g.toBuilder().clearNode().clearInitializer().clearValueInfo();
        Map<String, String> rename = new HashMap<>();
        Map<String, float[]> params = new HashMap<>(); // tensor -> {scale, zero}
        List<TensorProto> newInits = new ArrayList<>();
        for (String t : quantised) {
            float[] mm = ranges.get(source(t, producers, quantised));
            if (mm == null) {
                throw new ModelException(name, "calibration returned no range for tensor '" + t + "'");
            }
            params.put(t, u8Params(mm[0], mm[1]));
        }
        String input = g.getInput(0).getName();
        if (quantised.contains(input)) {
            addQdq(out, newInits, input, params.get(input), rename);
        }
        Set<String> usedInits = new HashSet<>();
        int weights = 0;
        for (NodeProto n : g.getNodeList()) {
            NodeProto.Builder nb = n.toBuilder();
            for (int i = 0; i < n.getInputCount(); i++) {
                String in = n.getInput(i);
                if (rename.containsKey(in)) {
                    nb.setInput(i, rename.get(in));
                }
            }
            boolean linear = n.getOpType().equals("Conv") || n.getOpType().equals("Gemm")
                    || n.getOpType().equals("MatMul");
            if (linear && n.getInputCount() >= 2 && inits.containsKey(n.getInput(1))
                    && quantised.contains(n.getInput(0))) {
                int axis = weightAxis(n);
                TensorProto w = inits.get(n.getInput(1));
                float[] ws = quantizeWeight(out, newInits, n, w, axis);
                nb.setInput(1, w.getName() + "_DequantizeLinear_Output");
                weights++;
                if (n.getInputCount() >= 3 && inits.containsKey(n.getInput(2)) && !n.getOpType().equals("MatMul")) {
                    float xs = params.get(n.getInput(0))[0];
                    TensorProto b = inits.get(n.getInput(2));
                    quantizeBias(out, newInits, b, xs, ws);
                    nb.setInput(2, b.getName() + "_DequantizeLinear_Output");
                }
            }
            nb.getInputList().forEach(usedInits::add);
            out.addNode(nb);
            for (String o : n.getOutputList()) {
                if (quantised.contains(o)) {
                    addQdq(out, newInits, o, params.get(o), rename);
                }
            }
        }
        for (TensorProto t : inits.values()) {
            if (usedInits.contains(t.getName())) {
                out.addInitializer(t);
            }
        }
        newInits.forEach(out::addInitializer);
        ModelProto.Builder m = fp32.toBuilder().setGraph(out)
                .setDocString(fp32.getDocString() + "; QDQ int8: per-channel symmetric s8 weights, u8 activations "
                        + "calibrated (min/max) on " + CALIBRATION_IMAGES + " seeded random images");
        m.addMetadataProps(StringStringEntryProto.newBuilder().setKey("opbench.dtype").setValue("int8"));
        ModelProto model = m.build();
        return new Result(model, new Summary(weights, quantised.size(), folded, model.getSerializedSize()));
    }

    /** The tensor to quantise for {@code out}: its only consumer's output where that is a ReLU (or Clip at 0). */
    private static String afterActivation(String out, Map<String, List<NodeProto>> consumers, Set<String> graphOutputs,
                                          Map<String, TensorProto> inits) {
        List<NodeProto> c = consumers.getOrDefault(out, List.of());
        if (c.size() != 1 || graphOutputs.contains(out)) {
            return out;
        }
        NodeProto a = c.get(0);
        boolean relu = a.getOpType().equals("Relu");
        boolean clip0 = a.getOpType().equals("Clip") && a.getInputCount() >= 2 && inits.containsKey(a.getInput(1))
                && floats(inits.get(a.getInput(1))).length == 1 && floats(inits.get(a.getInput(1)))[0] == 0f;
        return relu || clip0 ? a.getOutput(0) : out;
    }

    /** The tensor whose range {@code t} takes: through MaxPool/Flatten/Reshape/Squeeze back to a quantised input. */
    private static String source(String t, Map<String, NodeProto> producers, Set<String> quantised) {
        String s = t;
        for (int i = 0; i < 1000; i++) {
            NodeProto p = producers.get(s);
            if (p == null || !SAME_PARAMS.contains(p.getOpType()) || !quantised.contains(p.getInput(0))) {
                return s;
            }
            s = p.getInput(0);
        }
        return s;
    }

    private static Map<String, float[]> calibrate(GraphProto g, ModelProto fp32, long seed, List<String> tensors,
                                                  Calibrator calibrator) {
        GraphProto.Builder cg = g.toBuilder();
        Set<String> outs = new HashSet<>();
        g.getOutputList().forEach(o -> outs.add(o.getName()));
        for (String t : tensors) {
            if (!outs.contains(t) && !t.equals(g.getInput(0).getName())) {
                cg.addOutput(ValueInfoProto.newBuilder().setName(t).setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()))));
            }
        }
        byte[] model = fp32.toBuilder().setGraph(cg).build().toByteArray();
        ValueInfoProto in = g.getInput(0);
        List<Long> d = new ArrayList<>();
        in.getType().getTensorType().getShape().getDimList().forEach(x -> d.add(x.getDimValue()));
        if (d.size() != 4) {
            throw new ModelException(g.getName(), "quantisation needs one N x C x H x W input, not " + d);
        }
        long[] chw = {d.get(1), d.get(2), d.get(3)};
        List<String> observed = new ArrayList<>(tensors);
        observed.remove(in.getName());
        Map<String, float[]> ranges = new HashMap<>();
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < CALIBRATION_IMAGES; i++) {
            float[] x = calibrationInput(seed, i, chw);
            merge(ranges, in.getName(), minMax(x));
            images.add(x);
        }
        calibrator.minMax(model, in.getName(), new long[] {1, chw[0], chw[1], chw[2]}, images, observed)
                .forEach((k, v) -> merge(ranges, k, v));
        return ranges;
    }

    private static void merge(Map<String, float[]> ranges, String k, float[] v) {
        ranges.merge(k, v.clone(), (a, b) -> new float[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }

    static float[] minMax(float[] x) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    /** {scale, zero point} of a uint8 tensor observed in [min, max] (widened to hold 0). */
    static float[] u8Params(float min, float max) {
        double lo = Math.min(min, 0);
        double hi = Math.max(max, 0);
        if (!(hi > lo)) {
            return new float[] {1f, 0f};
        }
        float scale = (float) ((hi - lo) / 255);
        long zero = Math.round(-lo / scale);
        return new float[] {scale, Math.max(0, Math.min(255, zero))};
    }

    private static void addQdq(GraphProto.Builder out, List<TensorProto> inits, String t, float[] p,
                               Map<String, String> rename) {
        String scale = t + "_scale";
        String zero = t + "_zero_point";
        inits.add(floatTensor(scale, new long[0], new float[] {p[0]}));
        inits.add(TensorProto.newBuilder().setName(zero).setDataType(TensorProto.DataType.UINT8.getNumber())
                .setRawData(UnsafeByteOperations.unsafeWrap(new byte[] {(byte) (int) p[1]})).build());
        String q = t + "_QuantizeLinear_Output";
        String dq = t + "_DequantizeLinear_Output";
        out.addNode(NodeProto.newBuilder().setName(t + "_QuantizeLinear").setOpType("QuantizeLinear")
                .addInput(t).addInput(scale).addInput(zero).addOutput(q));
        out.addNode(NodeProto.newBuilder().setName(t + "_DequantizeLinear").setOpType("DequantizeLinear")
                .addInput(q).addInput(scale).addInput(zero).addOutput(dq));
        rename.put(t, dq);
    }

    /** Axis of the output channels of the node's weight: 0, or 1 for MatMul and Gemm without transB. */
    static int weightAxis(NodeProto n) {
        if (n.getOpType().equals("MatMul")) {
            return 1;
        }
        if (n.getOpType().equals("Gemm")) {
            long transB = 0;
            for (AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals("transB")) {
                    transB = a.getI();
                }
            }
            return transB == 1 ? 0 : 1;
        }
        return 0;
    }

    /** Adds the int8 weight, its scales and zero points and its DequantizeLinear; the per-channel scales. */
    private static float[] quantizeWeight(GraphProto.Builder out, List<TensorProto> inits, NodeProto n, TensorProto w,
                                          int axis) {
        float[] v = floats(w);
        long[] dims = w.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int channels = (int) dims[axis];
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= (int) dims[i];
        }
        float[] max = new float[channels];
        for (int k = 0; k < v.length; k++) {
            int c = (k / inner) % channels;
            max[c] = Math.max(max[c], Math.abs(v[k]));
        }
        float[] scale = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = max[c] > 0 ? max[c] / 127f : 1f;
        }
        byte[] q = new byte[v.length];
        for (int k = 0; k < v.length; k++) {
            int c = (k / inner) % channels;
            q[k] = (byte) Math.max(-127, Math.min(127, Math.rint(v[k] / scale[c])));
        }
        String name = w.getName();
        TensorProto.Builder qt = TensorProto.newBuilder().setName(name + "_quantized")
                .setDataType(TensorProto.DataType.INT8.getNumber()).setRawData(UnsafeByteOperations.unsafeWrap(q));
        for (long d : dims) {
            qt.addDims(d);
        }
        inits.add(qt.build());
        inits.add(floatTensor(name + "_scale", new long[] {channels}, scale));
        inits.add(TensorProto.newBuilder().setName(name + "_zero_point").addDims(channels)
                .setDataType(TensorProto.DataType.INT8.getNumber())
                .setRawData(UnsafeByteOperations.unsafeWrap(new byte[channels])).build());
        out.addNode(NodeProto.newBuilder().setName(name + "_DequantizeLinear").setOpType("DequantizeLinear")
                .addInput(name + "_quantized").addInput(name + "_scale").addInput(name + "_zero_point")
                .addOutput(name + "_DequantizeLinear_Output")
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(axis)));
        return scale;
    }

    private static void quantizeBias(GraphProto.Builder out, List<TensorProto> inits, TensorProto b, float xs,
                                     float[] ws) {
        float[] v = floats(b);
        if (v.length != ws.length) {
            throw new ModelException(b.getName(), "bias of " + v.length + " values for " + ws.length + " channels");
        }
        float[] scale = new float[v.length];
        ByteBuffer q = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < v.length; c++) {
            scale[c] = xs * ws[c];
            double r = Math.rint(v[c] / (double) scale[c]);
            q.putInt(4 * c, (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, r)));
        }
        String name = b.getName();
        inits.add(TensorProto.newBuilder().setName(name + "_quantized").addDims(v.length)
                .setDataType(TensorProto.DataType.INT32.getNumber())
                .setRawData(UnsafeByteOperations.unsafeWrap(q.array())).build());
        inits.add(floatTensor(name + "_scale", new long[] {v.length}, scale));
        inits.add(TensorProto.newBuilder().setName(name + "_zero_point").addDims(v.length)
                .setDataType(TensorProto.DataType.INT32.getNumber())
                .setRawData(UnsafeByteOperations.unsafeWrap(new byte[4 * v.length])).build());
        out.addNode(NodeProto.newBuilder().setName(name + "_DequantizeLinear").setOpType("DequantizeLinear")
                .addInput(name + "_quantized").addInput(name + "_scale").addInput(name + "_zero_point")
                .addOutput(name + "_DequantizeLinear_Output")
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(0)));
    }

    private static int countBatchNorms(GraphProto g) {
        return (int) g.getNodeList().stream().filter(n -> n.getOpType().equals("BatchNormalization")).count();
    }

    /**
     * Folds each BatchNormalization whose input is a Conv's output read by nothing else into that Conv:
     * {@code a = scale / sqrt(var + eps)}, {@code W' = W a}, {@code b' = (b - mean) a + shift}; the Conv then writes
     * the batch norm's output.
     */
    static GraphProto foldBatchNorms(GraphProto g) {
        Map<String, TensorProto> inits = new LinkedHashMap<>();
        g.getInitializerList().forEach(t -> inits.put(t.getName(), t));
        Map<String, Integer> uses = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getInputList().forEach(i -> uses.merge(i, 1, Integer::sum));
        }
        g.getOutputList().forEach(o -> uses.merge(o.getName(), 1, Integer::sum));
        Map<String, NodeProto> convByOutput = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Conv") && n.getInputCount() >= 2 && inits.containsKey(n.getInput(1))
                    && (n.getInputCount() < 3 || inits.containsKey(n.getInput(2)))) {
                convByOutput.put(n.getOutput(0), n);
            }
        }
        Map<String, NodeProto> replaced = new HashMap<>(); // conv name -> folded conv
        Set<String> removed = new HashSet<>();
        Set<String> initUses = new HashSet<>();
        for (NodeProto bn : g.getNodeList()) {
            if (!bn.getOpType().equals("BatchNormalization") || bn.getOutputCount() != 1) {
                continue;
            }
            NodeProto conv = convByOutput.get(bn.getInput(0));
            boolean params = bn.getInputList().subList(1, 5).stream().allMatch(inits::containsKey);
            if (conv == null || uses.getOrDefault(bn.getInput(0), 0) != 1 || !params
                    || replaced.containsKey(conv.getName())) {
                continue;
            }
            float eps = 1e-5f;
            for (AttributeProto a : bn.getAttributeList()) {
                if (a.getName().equals("epsilon")) {
                    eps = a.getF();
                }
            }
            float[] scale = floats(inits.get(bn.getInput(1)));
            float[] shift = floats(inits.get(bn.getInput(2)));
            float[] mean = floats(inits.get(bn.getInput(3)));
            float[] var = floats(inits.get(bn.getInput(4)));
            TensorProto w = inits.get(conv.getInput(1));
            float[] wv = floats(w);
            int oc = (int) w.getDims(0);
            int per = wv.length / oc;
            float[] bias = conv.getInputCount() >= 3 ? floats(inits.get(conv.getInput(2))) : new float[oc];
            float[] nw = new float[wv.length];
            float[] nb = new float[oc];
            for (int c = 0; c < oc; c++) {
                double a = scale[c] / Math.sqrt(var[c] + (double) eps);
                for (int k = 0; k < per; k++) {
                    nw[c * per + k] = (float) (wv[c * per + k] * a);
                }
                nb[c] = (float) ((bias[c] - mean[c]) * a + shift[c]);
            }
            String wName = conv.getName() + "/W_folded";
            String bName = conv.getName() + "/B_folded";
            inits.put(wName, floatTensor(wName, w.getDimsList().stream().mapToLong(Long::longValue).toArray(), nw));
            inits.put(bName, floatTensor(bName, new long[] {oc}, nb));
            NodeProto.Builder f = conv.toBuilder().clearInput().addInput(conv.getInput(0)).addInput(wName)
                    .addInput(bName).setOutput(0, bn.getOutput(0));
            replaced.put(conv.getName(), f.build());
            removed.add(bn.getName());
        }
        GraphProto.Builder out = g.toBuilder().clearNode().clearInitializer().clearValueInfo();
        for (NodeProto n : g.getNodeList()) {
            if (removed.contains(n.getName())) {
                continue;
            }
            NodeProto k = n.getOpType().equals("Conv") ? replaced.getOrDefault(n.getName(), n) : n;
            k.getInputList().forEach(initUses::add);
            out.addNode(k);
        }
        for (TensorProto t : inits.values()) {
            if (initUses.contains(t.getName())) {
                out.addInitializer(t);
            }
        }
        return out.build();
    }

    static TensorProto floatTensor(String name, long[] dims, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).setRawData(UnsafeByteOperations.unsafeWrap(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** The values of a FLOAT initializer (raw little-endian data or float_data). */
    static float[] floats(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
            throw new ModelException(t.getName(), "quantisation needs a float initializer, not data type "
                    + t.getDataType());
        }
        if (!t.getRawData().isEmpty()) {
            float[] v = new float[t.getRawData().size() / 4];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
        float[] v = new float[t.getFloatDataCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getFloatData(i);
        }
        return v;
    }
}
