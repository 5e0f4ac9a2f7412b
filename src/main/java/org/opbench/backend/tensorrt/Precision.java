package org.opbench.backend.tensorrt;

import java.util.List;
import java.util.Locale;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/**
 * The tensorrt backend's algorithm axis: the precision TensorRT may use inside the engine (inputs and outputs stay
 * fp32). TensorRT enables TF32 for fp32 layers by default on Ampere and later; {@link #FP32} clears that flag so
 * that fp32 means fp32 FMA math, {@link #TF32} keeps it. {@link #INT8} also allows fp16 for layers without an
 * int8 implementation (the usual TensorRT practice), and calibrates on seeded random batches.
 */
public enum Precision {
    FP32("fp32"), TF32("tf32"), FP16("fp16"), INT8("int8");

    private final String id;

    Precision(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Every name, default first. */
    public static List<String> names() {
        return List.of(FP32.id, TF32.id, FP16.id, INT8.id);
    }

    /** The precision called {@code name}, or null. */
    public static Precision parse(String name) {
        for (Precision p : values()) {
            if (p.id.equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }

    /**
     * Why an engine of this precision cannot time a problem of precision {@code dtype} (opbench's
     * {@code --dtype} axis), or null when it can. An f32 problem runs on any engine (the algorithm is then the
     * reduced precision TensorRT may use inside it); an f16 problem only on the fp16 engine, since another engine
     * would time another precision; int8 and bf16 problems are refused with the reason.
     */
    public String refusal(org.opbench.problem.Precision dtype) {
        return switch (dtype) {
            case F32 -> null;
            case F16 -> this == FP16 ? null : "an f16 problem runs on tensorrt's fp16 engine (--algorithms fp16); the "
                    + id + " engine would time another precision";
            case INT8 -> "tensorrt quantises symmetrically (int8 QuantizeLinear/DequantizeLinear with zero point 0), so "
                    + "opbench's int8 problems (u8 activations with zero point 128) have no TensorRT form; algorithm "
                    + "int8 on an f32 problem times TensorRT's calibrated int8 engine";
            case BF16 -> "bf16 problems are not bound for tensorrt (no kBF16 builder flag or bf16 I/O in opbench's "
                    + "engines); algorithms fp16 and int8 time reduced precision on f32 problems";
        };
    }

    /** Whether the builder's TF32 flag stays set. */
    public boolean allowsTf32() {
        return this == TF32;
    }

    /** Whether the builder's FP16 flag is set. */
    public boolean allowsFp16() {
        return this == FP16 || this == INT8;
    }

    /**
     * The narrowest formats the builder flags let TensorRT use: it picks each layer's precision and tactic by timing
     * among those the flags allow (fp16 may be stored and summed in fp16; int8 products are summed in int32).
     */
    public Numerics numerics() {
        return switch (this) {
            case FP32 -> Numerics.F32;
            case TF32 -> Numerics.TF32;
            case FP16 -> Numerics.F16;
            case INT8 -> Numerics.INT8;
        };
    }

    /**
     * What a TensorRT engine built with this precision states it runs: the formats above, and
     * {@link Transform#UNREPORTED} because TensorRT times its tactics (Winograd and FFT convolutions among them)
     * and does not say which transform a tactic uses.
     */
    public Execution execution(String impl) {
        return new Execution(id, impl, numerics(), Transform.UNREPORTED);
    }

    /** Whether the builder's INT8 flag is set (and a calibrator is needed). */
    public boolean int8() {
        return this == INT8;
    }
}
