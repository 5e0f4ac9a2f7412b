package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_winograd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fpmath_mode_f16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fpmath_mode_strict;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fpmath_mode_tf32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_get_default_fpmath_mode;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_alg_kind;

import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.IntPointer;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.spi.BackendException;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/** What oneDNN says a primitive runs: the fpmath mode its attributes carry and a convolution's algorithm kind. */
final class DnnlPrecision {
    private DnnlPrecision() {
    }

    /**
     * The formats an fp32 primitive may compute in: opbench never sets an fpmath mode on its attributes, so they
     * carry oneDNN's default ({@code dnnl_get_default_fpmath_mode}: strict unless {@code ONEDNN_DEFAULT_FPMATH_MODE}
     * says otherwise).
     */
    static Numerics numerics() throws BackendException {
        int[] mode = new int[1];
        DnnlStatus.check(dnnl_get_default_fpmath_mode(mode), "dnnl_get_default_fpmath_mode");
        return numerics(mode[0]);
    }

    /**
     * The formats a primitive of {@code op} computes in for a problem in {@code precision}: f32 by the process's
     * fpmath mode ({@link #numerics()}); bf16 and f16 tensors with products summed in f32 (oneDNN's bf16 and f16
     * kernels accumulate in f32); int8 convolution and inner product s8 products summed in s32
     * ({@link Numerics#INT8}); int8 pooling u8 levels, averages summed in s32.
     */
    static Numerics numerics(Precision precision, Op op) throws BackendException {
        return switch (precision) {
            case F32 -> numerics();
            case BF16 -> new Numerics(DataType.BF16, DataType.BF16, DataType.F32);
            case F16 -> new Numerics(DataType.F16, DataType.F16, DataType.F32);
            case INT8 -> op == Op.POOL ? new Numerics(DataType.U8, DataType.U8, DataType.S32) : Numerics.INT8;
        };
    }

    /** The formats fpmath mode {@code mode} allows for fp32 data (bf16 for {@code bf16} and {@code any}). */
    static Numerics numerics(int mode) {
        if (mode == dnnl_fpmath_mode_strict) {
            return Numerics.F32;
        }
        DataType math = mode == dnnl_fpmath_mode_tf32 ? DataType.TF32
                : mode == dnnl_fpmath_mode_f16 ? DataType.F16 : DataType.BF16;
        return new Numerics(DataType.F32, math, DataType.F32);
    }

    /**
     * The transform of a convolution primitive, from the algorithm kind its descriptor reports (for
     * {@code convolution_auto} oneDNN's implementation sets the kind it chose).
     */
    static Transform convTransform(dnnl_primitive_desc pd) throws BackendException {
        try (IntPointer kind = new IntPointer(1)) {
            DnnlStatus.check(dnnl_primitive_desc_query(pd, dnnl_query_alg_kind, 0, kind),
                    "dnnl_primitive_desc_query(alg_kind)");
            return convTransform(kind.get());
        }
    }

    static Transform convTransform(int algKind) {
        if (algKind == dnnl_convolution_direct) {
            return Transform.NONE;
        }
        return algKind == dnnl_convolution_winograd ? Transform.WINOGRAD : Transform.UNREPORTED;
    }
}
