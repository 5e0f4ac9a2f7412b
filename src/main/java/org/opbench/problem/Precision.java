package org.opbench.problem;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The precision a problem is timed in: the types of its tensors, as benchdnn's {@code --dt} names them. int8 is the
 * form oneDNN, ONNX Runtime (QLinearConv / QDQ), OpenCV and ACL (QASYMM8) share: u8 activations with a per-tensor
 * scale and zero point, s8 weights with a per-output-channel scale, bias in s32 on the grid of the two scales, u8
 * destination ({@link Quantization}). Pooling has no weights: u8 in and out with one scale and zero point.
 * The flop count of a problem does not depend on its precision (multiply-adds x 2), so GFLOPS (GOPS for int8)
 * compare across precisions.
 */
public enum Precision {
    F32("f32", DataType.F32, DataType.F32, DataType.F32),
    BF16("bf16", DataType.BF16, DataType.BF16, DataType.BF16),
    F16("f16", DataType.F16, DataType.F16, DataType.F16),
    INT8("int8", DataType.U8, DataType.S8, DataType.U8);

    private final String id;
    private final DataType src;
    private final DataType wei;
    private final DataType dst;

    Precision(String id, DataType src, DataType wei, DataType dst) {
        this.id = id;
        this.src = src;
        this.wei = wei;
        this.dst = dst;
    }

    /** The name on the command line and in records' {@code dtype}: f32, bf16, f16, int8. */
    public String id() {
        return id;
    }

    /** Type of the source tensor. */
    public DataType src() {
        return src;
    }

    /** Type of the weights (conv, fc). */
    public DataType wei() {
        return wei;
    }

    /** Type of the destination tensor. */
    public DataType dst() {
        return dst;
    }

    /** Bytes of one bias element: the weight type for floating point, s32 for int8. */
    public int biasBytes() {
        return quantized() ? DataType.S32.bytes() : wei.bytes();
    }

    /** Whether tensors are integer (quantised). */
    public boolean quantized() {
        return this == INT8;
    }

    /**
     * benchdnn's {@code --dt} value for a problem of {@code op}: one type when all tensors share it ({@code f32},
     * {@code bf16}), else source:weights:destination ({@code u8:s8:u8}); operators without weights name source
     * and destination once when they agree ({@code u8}).
     */
    public String dt(Op op) {
        if (src == wei && wei == dst) {
            return src.id();
        }
        boolean weights = op == Op.CONV || op == Op.FC;
        if (!weights) {
            return src == dst ? src.id() : src.id() + ":" + dst.id();
        }
        return src.id() + ":" + wei.id() + ":" + dst.id();
    }

    /** The precision named {@code text} (f32, bf16, f16, int8). */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.id.equals(text)) {
                return p;
            }
        }
        throw new ProblemException(text, "unknown data type '" + text + "' (known: " + known() + ")");
    }

    /** The known ids, comma separated. */
    public static String known() {
        return Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", "));
    }
}
