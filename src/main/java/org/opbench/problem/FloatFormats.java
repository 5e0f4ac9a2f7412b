package org.opbench.problem;

/**
 * Conversions between fp32 and the 16-bit floating-point formats, rounding to nearest with ties to even (the IEEE
 * default, and what oneDNN, ONNX Runtime and ACL use when they convert): the one place opbench rounds to bf16 or
 * f16, for the seeded inputs, the reference and the backends that hand 16-bit buffers to a library.
 */
public final class FloatFormats {
    private FloatFormats() {
    }

    /** The bf16 bit pattern nearest {@code x} (ties to even); NaN stays a quiet NaN. */
    public static short bf16Bits(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (Float.isNaN(x)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsb) >>> 16);
    }

    /** The fp32 value of bf16 bits (exact). */
    public static float fromBf16(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** {@code x} rounded to the nearest bf16 value. */
    public static float roundBf16(float x) {
        return fromBf16(bf16Bits(x));
    }

    /** The IEEE binary16 bit pattern nearest {@code x} (ties to even; overflow to infinity, gradual underflow). */
    public static short f16Bits(float x) {
        int bits = Float.floatToRawIntBits(x);
        int sign = (bits >>> 16) & 0x8000;
        float a = Math.abs(x);
        if (Float.isNaN(x)) {
            return (short) (sign | 0x7E00);
        }
        if (a >= 65520f) { // rounds to infinity (65504 is the largest finite value)
            return (short) (sign | 0x7C00);
        }
        if (a < 0x1.0p-14f) { // subnormal: multiples of 2^-24
            int m = (int) Math.rint(a * 0x1.0p24);
            return (short) (sign | m); // m == 1024 is the smallest normal, same bits
        }
        int exp = Math.getExponent(a);
        float ulp = Math.scalb(1f, exp - 10);
        float r = (float) (Math.rint(a / ulp) * ulp); // a / ulp is exact: a power-of-two scaling
        int e = Math.getExponent(r);
        int mant = Math.round(Math.scalb(r, -e) * 1024f) - 1024;
        return (short) (sign | ((e + 15) << 10) | mant);
    }

    /** The fp32 value of binary16 bits (exact). */
    public static float fromF16(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) != 0 ? -1 : 1;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            return sign * Math.scalb((float) mant, -24);
        }
        if (exp == 31) {
            return mant == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        return sign * Math.scalb(1f + mant / 1024f, exp - 15);
    }

    /** {@code x} rounded to the nearest binary16 value. */
    public static float roundF16(float x) {
        return fromF16(f16Bits(x));
    }

    /** {@code x} rounded to the element type of {@code t}: bf16 or f16 rounding, identity for f32 (and wider). */
    public static float round(DataType t, float x) {
        return switch (t) {
            case BF16 -> roundBf16(x);
            case F16 -> roundF16(x);
            default -> x;
        };
    }
}
