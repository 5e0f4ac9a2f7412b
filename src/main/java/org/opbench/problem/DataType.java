package org.opbench.problem;

/**
 * A number format: the element type of a problem's tensors, and the formats a backend states it stores, multiplies
 * and accumulates in ({@link org.opbench.spi.Numerics}). Only fp32 problems are timed today ({@link #parse} accepts
 * {@code f32} only); the narrower formats exist so that a backend can say truthfully what it ran (TF32 tensor-core
 * math, fp16 or int8 inside a TensorRT engine).
 */
public enum DataType {
    F32("f32", 4, 23),
    /** fp64 (the reference backend computes and accumulates in double). */
    F64("f64", 8, 52),
    /** NVIDIA TensorFloat-32: fp32's range with a 10-bit mantissa; a math mode, stored as fp32. */
    TF32("tf32", 4, 10),
    BF16("bf16", 2, 7),
    F16("f16", 2, 10),
    /** 8-bit integer (quantised). */
    S8("s8", 1, -1),
    /** 32-bit integer (int8 products accumulate in it). */
    S32("s32", 4, -1);

    private final String id;
    private final int bytes;
    private final int mantissaBits;

    DataType(String id, int bytes, int mantissaBits) {
        this.id = id;
        this.bytes = bytes;
        this.mantissaBits = mantissaBits;
    }

    public String id() {
        return id;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is an integer format. */
    public boolean integer() {
        return mantissaBits < 0;
    }

    /** Whether this is a floating-point format with fewer mantissa bits than fp32 (tf32, bf16, f16). */
    public boolean reducedFloat() {
        return !integer() && mantissaBits < F32.mantissaBits;
    }

    /** The element type of a problem: only {@code f32} is timed today. */
    public static DataType parse(String text) {
        if (F32.id.equals(text)) {
            return F32;
        }
        throw new ProblemException(text, "unknown data type '" + text + "' (known: f32)");
    }
}
