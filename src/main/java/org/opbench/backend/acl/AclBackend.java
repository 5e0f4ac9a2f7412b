package org.opbench.backend.acl;

import java.nio.file.Path;
import org.opbench.problem.Precision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;

/**
 * The Arm Compute Library (Debian 12's ACL 20.08) through opbench's JavaCPP binding in {@code native/acl}: NEON
 * functions on the CPU and their OpenCL counterparts, NCHW, in f32, f16 (F16 tensors) and int8 (QASYMM8
 * activations, QSYMM8_PER_CHANNEL weights, S32 bias; see {@link AclOp}); where ACL has no kernel for a type (its
 * {@code validate()} refuses) the point is unsupported with ACL's message. Available on arm64 Linux only; elsewhere its
 * workers run on a board or under {@code qemu-aarch64-static} through {@code --worker-launcher}.
 *
 * <p>Options: {@code acl.fast_math=true} (ACL's {@code enable_fast_math}, default false as in ACL: it lets
 * Winograd use larger tiles), {@code acl.tuning_file=PATH} (the CLTuner file). Thread count: set on ACL's scheduler
 * ({@code IScheduler::set_num_threads}) when a point is prepared.
 */
public final class AclBackend implements Backend {
    private static final Set<String> OPTIONS = Set.of(AclOp.FAST_MATH, ClRuntime.TUNING_FILE);

    @Override
    public String name() {
        return "acl";
    }

    @Override
    public List<String> optionKeys() {
        return List.copyOf(new java.util.TreeSet<>(OPTIONS));
    }

    @Override
    public Availability probe() {
        return AclLibrary.probe();
    }

    @Override
    public List<String> algorithms(Op op) {
        return AclAlgorithm.names(op);
    }

    @Override
    public List<String> tuners() {
        return ClRuntime.TUNERS;
    }

    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        // PoCL (the CPU OpenCL used for CI) keeps its compiled kernels here instead of ~/.cache
        return Map.of("POCL_CACHE_DIR", cacheDir.resolve("pocl").toString());
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        AclAlgorithm alg = AclAlgorithm.of(problem.op(), variant.algorithm());
        if (alg == null) {
            return Support.no("acl has no algorithm '" + variant.algorithm() + "' for " + problem.op().id()
                    + " (known: " + String.join(", ", algorithms(problem.op())) + ")");
        }
        if (!tuners().contains(variant.tuner())) {
            return Support.no("acl has no tuner '" + variant.tuner() + "' (known: " + String.join(", ", tuners()) + ")");
        }
        if (!variant.tuner().equals("none") && !alg.opencl()) {
            return Support.no("CLTuner modes apply to the OpenCL (cl-*) algorithms; " + alg.prefix()
                    + " functions have no tuner");
        }
        if (problem.dtype() == Precision.BF16) {
            // ACL 20.08 has BFLOAT16 in NEGEMMConvolutionLayer only, and only where built for Armv8.6's BF16
            return Support.no("opbench's ACL binding does not bind BFLOAT16 (ACL 20.08 has it in "
                    + "NEGEMMConvolutionLayer only, for Armv8.6-A BF16 builds); acl runs f32, f16 and int8");
        }
        for (Map.Entry<String, String> o : variant.options().entrySet()) {
            if (!OPTIONS.contains(o.getKey())) {
                return Support.no("unknown option acl." + o.getKey() + " (known: acl.fast_math, acl.tuning_file)");
            }
            if (o.getKey().equals(AclOp.FAST_MATH) && !o.getValue().matches("true|false")) {
                return Support.no("acl.fast_math must be true or false, not '" + o.getValue() + "'");
            }
        }
        if (problem instanceof ConvProblem c) {
            return convSupport(c, alg);
        }
        return Support.YES;
    }

    private static Support convSupport(ConvProblem c, AclAlgorithm alg) {
        boolean depthwise = c.g() > 1 && c.g() == c.ic() && c.oc() % c.ic() == 0;
        String fn = alg.convFunction();
        switch (alg.conv()) {
            case AclNative.CONV_DEPTHWISE -> {
                if (!depthwise) {
                    return Support.no(fn + " computes depthwise convolutions only (g = ic, oc a multiple of ic)");
                }
            }
            case AclNative.CONV_DIRECT, AclNative.CONV_WINOGRAD, AclNative.CONV_FFT -> {
                if (c.dh() > 0 || c.dw() > 0) {
                    return Support.no(fn + " has no dilation parameter in ACL 20.08");
                }
                if (c.g() > 1) {
                    return Support.no(fn + " has no groups parameter in ACL 20.08");
                }
            }
            default -> {
                // auto and gemm: ACL's validate() decides (grouped convolutions are refused there)
            }
        }
        return Support.YES;
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException {
        supports(problem, variant).require();
        Availability a = probe();
        if (!a.available()) {
            throw new BackendException("acl is unavailable: " + a.reason());
        }
        return AclOp.prepare(problem, AclAlgorithm.of(problem.op(), variant.algorithm()), variant, data);
    }
}
