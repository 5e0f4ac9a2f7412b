package org.opbench.backend.acl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;
import org.opbench.spi.BasePreparedOp;
import org.opbench.spi.Execution;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/**
 * One configured ACL function with its tensors (an {@code opbench_acl_op}). {@link #run()} is one JNI call on a
 * {@code long} handle; the output array is allocated in {@link #prepare}. {@link #close()} is idempotent.
 */
final class AclOp extends BasePreparedOp {
    static final String FAST_MATH = "fast_math";

    private long handle;
    private final float[] out;

    private AclOp(long handle, float[] out, Execution execution, Map<String, Object> details) {
        super(execution, details);
        this.handle = handle;
        this.out = out;
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
            configure(h, problem, alg, fastMath, details);
            AclStatus.check(AclNative.opbench_acl_fill(h, AclNative.SRC, data.src(), data.src().length), "fill src", h);
            if (data.weights().length > 0) {
                AclStatus.check(AclNative.opbench_acl_fill(h, AclNative.WEIGHTS, data.weights(),
                        data.weights().length), "fill weights", h);
                AclStatus.check(AclNative.opbench_acl_fill(h, AclNative.BIAS, data.bias(), data.bias().length),
                        "fill bias", h);
            }
            AclStatus.check(AclNative.opbench_acl_prepare(h), "IFunction::prepare", h);
            if (alg.opencl() && ClRuntime.mode(variant.tuner()) != AclNative.TUNER_NONE) {
                // CLTuner tunes each kernel at its first enqueue: run once here so tuning counts as preparation
                AclStatus.check(AclNative.opbench_acl_run(h), "IFunction::run (tuning)", h);
                ClRuntime.saveTuning();
            }
            String impl = AclNative.opbench_acl_impl(h);
            // f32 tensors throughout; fast_math only lets Winograd use larger tiles (a Winograd transform still)
            Execution execution = Execution.f32(variant.algorithm(), impl,
                    problem instanceof ConvProblem ? alg.convTransform(impl) : Transform.NONE);
            return new AclOp(h, new float[Math.toIntExact(problem.dstElements())], execution, details);
        } catch (BackendException | RuntimeException e) {
            AclNative.opbench_acl_op_delete(h);
            throw e;
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
            AclStatus.check(AclNative.opbench_acl_fc(h, t, f.mb(), f.ic(), f.ih(), f.iw(), f.oc()),
                    alg.prefix() + "FullyConnectedLayer configure", h);
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
