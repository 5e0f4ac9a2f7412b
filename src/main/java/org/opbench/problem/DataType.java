package org.opbench.problem;

/**
 * A number format: the element type of one tensor ({@link Precision} names a problem's tensors' types), and the
 * formats a backend states it stores, multiplies and accumulates in ({@link org.opbench.spi.Numerics}).
 */
public enum DataType {
    F32("f32", 4, 23),
    /** fp64 (the reference backend computes and accumulates in double). */
    F64("f64", 8, 52),
    /** NVIDIA TensorFloat-32: fp32's range with a 10-bit mantissa; a math mode, stored as fp32. */
    TF32("tf32", 4, 10),
    BF16("bf16", 2, 7),
    F16("f16", 2, 10),
    /** Signed 8-bit integer (quantised weights). */
    S8("s8", 1, -1),
    /** Unsigned 8-bit integer (quantised activations). */
    U8("u8", 1, -1),
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

    /** Explicit mantissa bits of a floating-point format (-1 for integers). */
    public int mantissaBits() {
        return mantissaBits;
    }

    /** Machine epsilon of a floating-point format, {@code 2^-mantissaBits} (NaN for integers). */
    public double epsilon() {
        return integer() ? Double.NaN : Math.scalb(1.0, -mantissaBits);
    }
}
