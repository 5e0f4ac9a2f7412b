package org.opbench.backend.acl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.DataType;
import org.opbench.problem.Precision;
import org.opbench.problem.Quantization;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;
import org.opbench.spi.BasePreparedOp;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/**
 * One configured ACL function with its tensors (an {@code opbench_acl_op}). {@link #run()} is one JNI call on a
 * {@code long} handle; the output arrays are allocated in {@link #prepare}. {@link #close()} is idempotent.
 *
 * <p>Precisions ({@link Precision}): f32 tensors as given; f16 tensors filled from the (already f16-exact) floats and
 * read back converted; int8 as ACL's QASYMM8 source and destination (the problem's scales and zero points),
 * QSYMM8_PER_CHANNEL weights (one scale per output channel) and an S32 bias, filled from the problem's levels; the
 * destination levels are read and handed back dequantised, {@code (q - dstZero) * dstScale}.
 */
final class AclOp extends BasePreparedOp {
    static final String FAST_MATH = "fast_math";

    private long handle;
    private final float[] out;
    /** The QASYMM8 destination's levels (int8 points), else null. */
    private final byte[] levels;
    private final Quantization quant;

    private AclOp(long handle, float[] out, byte[] levels, Quantization quant, Execution execution,
                  Map<String, Object> details) {
        super(execution, details);
        this.handle = handle;
        this.out = out;
        this.levels = levels;
        this.quant = quant;
    }

    static AclOp prepare(Problem problem, AclAlgorithm alg, Variant variant, ProblemData data) throws BackendException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threads", AclNative.opbench_acl_set_threads(variant.threads()));
        boolean fastMath = Boolean.parseBoolean(variant.option(FAST_MATH, "false"));
        Path tuningFile = null;
        if (alg.opencl()) {
            tuningFile = ClRuntime.tuningFile(variant.tuner(), variant.option(ClRuntime.TUNING_FILE, null));
            ClRuntime.init(variant.tuner(), tuningFile);
            details.put("cl_tuner", variant.tuner());
            if (tuningFile != null) {
                details.put("tuning_file", tuningFile.toString());
            }
        }
        long h = AclNative.opbench_acl_op_new();
        if (h == 0) {
            throw new BackendException("ACL: opbench_acl_op_new returned null (out of memory)");
        }
        try {
            Precision type = problem.dtype();
            Quantization q = type.quantized() ? data.quant() : null;
            if (q != null) {
                AclStatus.check(AclNative.opbench_acl_types(h, AclNative.QASYMM8, q.srcScale(), q.srcZero(),
                        q.weightScales(), q.weightScales().length, q.dstScale(), q.dstZero()), "tensor types", h);
                details.put("acl_types", problem.weightElements() > 0
                        ? "QASYMM8 src/dst, QSYMM8_PER_CHANNEL weights, S32 bias" : "QASYMM8");
            } else if (type == Precision.F16) {
                AclStatus.check(AclNative.opbench_acl_types(h, AclNative.F16, 0f, 0, null, 0, 0f, 0),
                        "tensor types", h);
                details.put("acl_types", "F16");
            }
            configure(h, problem, alg, fastMath, details);
            if (q != null) {
                fillLevels(h, data);
            } else {
                AclStatus.check(AclNative.opbench_acl_fill(h, AclNative.SRC, data.src(), data.src().length),
                        "fill src", h);
                if (data.weights().length > 0) {
                    AclStatus.check(AclNative.opbench_acl_fill(h, AclNative.WEIGHTS, data.weights(),
                            data.weights().length), "fill weights", h);
                    AclStatus.check(AclNative.opbench_acl_fill(h, AclNative.BIAS, data.bias(), data.bias().length),
                            "fill bias", h);
                }
            }
            AclStatus.check(AclNative.opbench_acl_prepare(h), "IFunction::prepare", h);
            if (alg.opencl() && ClRuntime.mode(variant.tuner()) != AclNative.TUNER_NONE) {
                // CLTuner tunes each kernel at its first enqueue: run once here so tuning counts as preparation
                AclStatus.check(AclNative.opbench_acl_run(h), "IFunction::run (tuning)", h);
                ClRuntime.saveTuning();
            }
            String impl = AclNative.opbench_acl_impl(h);
            // fast_math only lets Winograd use larger tiles (a Winograd transform still)
            Transform transform = problem instanceof ConvProblem ? alg.convTransform(impl) : Transform.NONE;
            Execution execution = new Execution(variant.algorithm(), impl, numerics(problem), transform);
            int n = Math.toIntExact(problem.dstElements());
            return new AclOp(h, new float[n], q != null ? new byte[n] : null, q, execution, details);
        } catch (BackendException | RuntimeException e) {
            AclNative.opbench_acl_op_delete(h);
            throw e;
        }
    }

    /**
     * What ACL computes in: f32 throughout; f16 tensors, products and sums (the NEON fp16 kernels, GEMM and direct,
     * accumulate in fp16 vectors); int8 convolution and fully connected layers as u8 tensors whose products with the
     * s8 weights are summed in s32 (gemmlowp) before one requantisation; int8 pooling on u8 levels; int8 softmax reads u8 levels and computes
     * its exponentials in fp32.
     */
    static Numerics numerics(Problem problem) {
        return switch (problem.dtype()) {
            case F16 -> Numerics.F16;
            case INT8 -> problem instanceof SoftmaxProblem ? new Numerics(DataType.U8, DataType.F32, DataType.F32)
                    : problem.weightElements() > 0 ? new Numerics(DataType.U8, DataType.S8, DataType.S32)
                    : new Numerics(DataType.U8, DataType.U8, DataType.S32);
            default -> Numerics.F32;
        };
    }

    private static void fillLevels(long h, ProblemData data) throws BackendException {
        byte[] src = data.srcLevels();
        AclStatus.check(AclNative.opbench_acl_fill_levels(h, AclNative.SRC, src, src.length), "fill src levels", h);
        if (data.weightLevels().length > 0) {
            byte[] w = data.weightLevels();
            int[] b = data.biasLevels();
            AclStatus.check(AclNative.opbench_acl_fill_levels(h, AclNative.WEIGHTS, w, w.length),
                    "fill weight levels", h);
            AclStatus.check(AclNative.opbench_acl_fill_s32(h, AclNative.BIAS, b, b.length), "fill s32 bias", h);
        }
    }

    private static void configure(long h, Problem problem, AclAlgorithm alg, boolean fastMath,
                                  Map<String, Object> details) throws BackendException {
        int t = alg.target();
        if (problem instanceof ConvProblem c) {
            int[] dims = {c.mb(), c.ic(), c.ih(), c.iw(), c.oc(), c.oh(), c.ow(), c.kh(), c.kw(), c.sh(), c.sw(),
                    c.ph(), c.pw(), c.g(), c.dh(), c.dw(), c.padBottom(), c.padRight()};
            details.put("fast_math", fastMath);
            AclStatus.check(AclNative.opbench_acl_conv(h, t, alg.conv(), dims, fastMath ? 1 : 0),
                    alg.convFunction() + " configure", h);
        } else if (problem instanceof FcProblem f) {
            if (alg.conv() == AclNative.CONV_GEMM) {
                AclStatus.check(AclNative.opbench_acl_fc_as_conv(h, t, f.mb(), f.ic(), f.ih(), f.iw(), f.oc()),
                        alg.prefix() + "GEMMConvolutionLayer configure (fc as a convolution)", h);
            } else {
                AclStatus.check(AclNative.opbench_acl_fc(h, t, f.mb(), f.ic(), f.ih(), f.iw(), f.oc()),
                        alg.prefix() + "FullyConnectedLayer configure", h);
            }
        } else if (problem instanceof PoolProblem p) {
            int kind = p.alg() == PoolAlg.MAX ? AclNative.POOL_MAX
                    : p.alg() == PoolAlg.AVG_NP ? AclNative.POOL_AVG_EXCLUDE_PAD : AclNative.POOL_AVG_INCLUDE_PAD;
            int[] dims = {p.mb(), p.ic(), p.ih(), p.iw(), p.oh(), p.ow(), p.kh(), p.kw(), p.sh(), p.sw(), p.ph(),
                    p.pw(), p.padBottom(), p.padRight()};
            details.put("exclude_padding", kind == AclNative.POOL_AVG_EXCLUDE_PAD);
            AclStatus.check(AclNative.opbench_acl_pool(h, t, kind, dims), alg.prefix() + "PoolingLayer configure", h);
        } else if (problem instanceof SoftmaxProblem s) {
            AclStatus.check(AclNative.opbench_acl_softmax(h, t, s.mb(), s.ic(), s.ih(), s.iw()),
                    alg.prefix() + "SoftmaxLayer configure", h);
        } else {
            throw new BackendException("ACL backend: no operator for " + problem.op().id());
        }
    }

    @Override
    public void run() throws BackendException {
        int status = AclNative.opbench_acl_run(handle);
        if (status != AclNative.OK) {
            AclStatus.check(status, "IFunction::run", handle);
        }
    }

    @Override
    public float[] output() throws BackendException {
        if (levels != null) {
            AclStatus.check(AclNative.opbench_acl_read_levels(handle, levels, levels.length), "read output levels",
                    handle);
            for (int i = 0; i < out.length; i++) {
                out[i] = quant.dstReal(levels[i] & 0xFF);
            }
            return out;
        }
        AclStatus.check(AclNative.opbench_acl_read(handle, out, out.length), "read output", handle);
        return out;
    }

    @Override
    public void close() {
        if (handle != 0) {
            AclNative.opbench_acl_op_delete(handle);
            handle = 0;
        }
    }
}
