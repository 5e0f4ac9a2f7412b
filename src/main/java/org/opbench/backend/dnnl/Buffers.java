package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_s32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_s8;
import static org.bytedeco.dnnl.global.dnnl.dnnl_u8;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;
import org.opbench.problem.DataType;
import org.opbench.problem.FloatFormats;
import org.opbench.problem.Precision;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Quantization;

/**
 * Native buffers in the element types oneDNN reads: opbench's float arrays as f32, bf16 or f16 bits (the values are
 * exact in the problem's type, so the conversion does not round), int8 levels as they are; and a destination buffer
 * back to floats, outside the timed region.
 */
final class Buffers {
    private Buffers() {
    }

    /** oneDNN's {@code dnnl_data_type_t} for {@code t}. */
    static int dnnlType(DataType t) {
        return switch (t) {
            case F32 -> dnnl_f32;
            case BF16 -> dnnl_bf16;
            case F16 -> dnnl_f16;
            case U8 -> dnnl_u8;
            case S8 -> dnnl_s8;
            case S32 -> dnnl_s32;
            default -> throw new IllegalArgumentException("oneDNN has no tensor type for " + t.id());
        };
    }

    /** {@code values} in floating-point type {@code t} (f32, bf16, f16), in a new native buffer. */
    static Pointer floats(DataType t, float[] values) {
        return switch (t) {
            case F32 -> new FloatPointer(values);
            case BF16, F16 -> {
                short[] bits = new short[values.length];
                for (int i = 0; i < values.length; i++) {
                    bits[i] = t == DataType.BF16 ? FloatFormats.bf16Bits(values[i]) : FloatFormats.f16Bits(values[i]);
                }
                yield new ShortPointer(bits);
            }
            default -> throw new IllegalArgumentException("not a floating-point tensor type: " + t.id());
        };
    }

    /** The source of {@code d} in its precision's source type: u8 levels for int8, else floats. */
    static Pointer src(ProblemData d) {
        Precision t = d.problem().dtype();
        return t.quantized() ? levels(d.srcLevels()) : floats(t.src(), d.src());
    }

    /** The weights of {@code d} in its precision's weight type: s8 levels for int8, else floats. */
    static Pointer weights(ProblemData d) {
        Precision t = d.problem().dtype();
        return t.quantized() ? levels(d.weightLevels()) : floats(t.wei(), d.weights());
    }

    /** The int8 quantisation of {@code d}, or null for a floating-point problem. */
    static Quantization quant(ProblemData d) {
        return d.problem().dtype().quantized() ? d.quant() : null;
    }

    /** 8-bit levels (u8 or s8, the same bytes) in a new native buffer. */
    static Pointer levels(byte[] levels) {
        return new BytePointer(levels);
    }

    /** One s32 value (a zero point) in a new native buffer. */
    static Pointer s32(int value) {
        return new IntPointer(new int[] {value});
    }

    /** An uninitialised native buffer of {@code elements} values of type {@code t}. */
    static Pointer allocate(DataType t, int elements) {
        return switch (t) {
            case F32 -> new FloatPointer(elements);
            case BF16, F16 -> new ShortPointer(elements);
            case U8, S8 -> new BytePointer(elements);
            default -> throw new IllegalArgumentException("no destination buffer of type " + t.id());
        };
    }

    /**
     * The values in {@code buffer} (type {@code t}) as floats: f32 as is, bf16 and f16 converted exactly, u8 levels
     * as their real values under {@code quant} ({@code (q - dstZero) * dstScale}; null for floating-point types).
     */
    static float[] read(DataType t, Pointer buffer, int elements, Quantization quant) {
        float[] out = new float[elements];
        switch (t) {
            case F32 -> ((FloatPointer) buffer).position(0).get(out);
            case BF16, F16 -> {
                short[] bits = new short[elements];
                ((ShortPointer) buffer).position(0).get(bits);
                for (int i = 0; i < elements; i++) {
                    out[i] = t == DataType.BF16 ? FloatFormats.fromBf16(bits[i]) : FloatFormats.fromF16(bits[i]);
                }
            }
            case U8 -> {
                byte[] q = new byte[elements];
                ((BytePointer) buffer).position(0).get(q);
                for (int i = 0; i < elements; i++) {
                    out[i] = quant.dstReal(q[i] & 0xFF);
                }
            }
            default -> throw new IllegalArgumentException("no destination of type " + t.id());
        }
        return out;
    }
}
