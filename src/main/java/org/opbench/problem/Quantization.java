package org.opbench.problem;

import java.util.Objects;

/**
 * The quantisation of an int8 problem ({@link Precision#INT8}), the form oneDNN, ONNX Runtime's QLinearConv, OpenCV and
 * ACL's QASYMM8 share: {@code real = (level - zero) * scale}, per tensor for the source and destination, per output
 * channel (and symmetric, zero 0) for the weights. The bias is s32 on the grid {@code srcScale * weightScales[oc]}.
 *
 * <p>The requantisation rule, which the reference implements exactly and the libraries document:
 * {@code acc = sum((q_src - srcZero) * q_wei) + q_bias} in exact integers,
 * {@code q_dst = saturate_u8(roundHalfEven(acc * srcScale * weightScales[oc] / dstScale) + dstZero)}.
 * Pooling uses the source's scale and zero point for its destination.
 *
 * @param weightScales per output channel; empty for operators without weights. Not copied: callers must not modify it
 */
public record Quantization(float srcScale, int srcZero, float[] weightScales, float dstScale, int dstZero) {
    public Quantization {
        Objects.requireNonNull(weightScales, "weightScales");
        if (!(srcScale > 0) || !(dstScale > 0)) {
            throw new IllegalArgumentException("scales must be positive");
        }
        if (srcZero < 0 || srcZero > 255 || dstZero < 0 || dstZero > 255) {
            throw new IllegalArgumentException("u8 zero points must be in [0, 255]");
        }
    }

    /** The u8 level nearest {@code real} on the destination grid: round half to even, then saturate. */
    public int dstLevel(double real) {
        return saturateU8(Math.rint(real / dstScale) + dstZero);
    }

    /** The real value of destination level {@code q}. */
    public float dstReal(int q) {
        return (q - dstZero) * dstScale;
    }

    /** {@code v} clamped to [0, 255]. */
    public static int saturateU8(double v) {
        return (int) Math.max(0, Math.min(255, v));
    }
}
