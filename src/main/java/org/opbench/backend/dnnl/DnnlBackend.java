package org.opbench.backend.dnnl;

import java.nio.file.Path;
import org.opbench.problem.Precision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.Op;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;

/**
 * Intel oneDNN on the CPU through its C API (JavaCPP preset {@code org.bytedeco:dnnl}).
 *
 * <p>Algorithms: conv {@code auto} (oneDNN's {@code dnnl_convolution_auto}), {@code direct}, {@code winograd}
 * (oneDNN 3.x has no CPU Winograd: preparing fails with {@code dnnl_unimplemented}); fc, pool and softmax
 * {@code auto}. Option {@code dnnl.layout} = {@code default|any|nhwc|nchw} (see {@link Layout}). Precisions: f32,
 * bf16, f16 (where oneDNN implements it on the CPU's ISA, else its {@code dnnl_unimplemented}) and int8
 * ({@link Builder#quantizedAttr}; pooling on raw levels, {@link PoolPrimitive#int8Refusal}); int8 softmax is refused.
 * oneDNN's OpenMP runtime fixes its thread count at process start from {@code OMP_NUM_THREADS}, so a point
 * whose thread count differs from the process's is answered {@link Support#no}. Workers also get a short OpenMP
 * spin ({@link OmpWait}), so that an idle worker's pool does not take a core from the next worker's round.
 */
public final class DnnlBackend implements Backend {
    public static final String NAME = "dnnl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> optionKeys() {
        return List.of(Layout.KEY);
    }

    @Override
    public Availability probe() {
        return DnnlLibrary.probe();
    }

    @Override
    public List<String> algorithms(Op op) {
        return op == Op.CONV ? ConvPrimitive.ALGORITHMS : List.of("auto");
    }

    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("OMP_NUM_THREADS", Integer.toString(threads));
        env.putAll(OmpWait.workerEnvironment(System.getenv()));
        return env;
    }

    /** The number of threads oneDNN runs on in this process, or 0 when the library is unavailable. */
    public int effectiveThreads() {
        DnnlLibrary.Info info = DnnlLibrary.info();
        return info == null ? 0 : info.threads().threads();
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        if (!algorithms(problem.op()).contains(variant.algorithm())) {
            return Support.no("dnnl has no algorithm '" + variant.algorithm() + "' for " + problem.op().id()
                    + " (known: " + String.join(", ", algorithms(problem.op())) + ")");
        }
        if (!variant.tuner().equals("none")) {
            return Support.no("dnnl has no tuner (only 'none')");
        }
        for (String key : variant.options().keySet()) {
            if (!key.equals(Layout.KEY)) {
                return Support.no("unknown option dnnl." + key + " (known: dnnl." + Layout.KEY + ")");
            }
        }
        String text = variant.option(Layout.KEY, Layout.DEFAULT.id());
        Layout layout = Layout.parse(text);
        if (layout == null) {
            return Support.no("dnnl." + Layout.KEY + "=" + text + " is not one of default, any, nhwc, nchw");
        }
        String refusal = layout.refusal(problem.op());
        if (refusal != null) {
            return Support.no(refusal);
        }
        String precision = precisionRefusal(problem, layout);
        if (precision != null) {
            return Support.no(precision);
        }
        Availability avail = probe();
        if (!avail.available()) {
            return Support.no(avail.reason());
        }
        String threads = threadRefusal(DnnlLibrary.info().threads(), variant.threads());
        return threads == null ? Support.YES : Support.no(threads);
    }

    /**
     * Why dnnl does not time {@code problem} in its precision, or null when it does (f16 is attempted: where the ISA
     * lacks it, oneDNN's own {@code dnnl_unimplemented} is the answer at prepare).
     */
    static String precisionRefusal(Problem problem, Layout layout) {
        if (problem.dtype() != Precision.INT8) {
            return null;
        }
        if (problem instanceof FcProblem && layout == Layout.NHWC) {
            return "dnnl int8 fc runs as a matmul on opbench's flattened (nchw) source: dnnl.layout=nhwc does not"
                    + " apply to it";
        }
        if (problem instanceof SoftmaxProblem) {
            return "dnnl times softmax in f32, bf16 and f16, not int8: oneDNN's int8 softmax takes no source zero point"
                    + " and applies the source scale to its output, not its input (softmax of the raw levels), so it"
                    + " does not compute the softmax of the dequantised source";
        }
        return problem instanceof PoolProblem p ? PoolPrimitive.int8Refusal(p) : null;
    }

    /** Why a point asking for {@code wanted} threads cannot run in this process, or null when it can. */
    private static String threadRefusal(OmpThreads.Count threads, int wanted) {
        if (threads.threads() == wanted) {
            return null;
        }
        return "oneDNN in this process runs on " + threads.threads() + " threads (" + threads.source()
                + "; fixed at process start by OMP_NUM_THREADS), not the " + wanted
                + " this point asks for: run it in a worker started with OMP_NUM_THREADS=" + wanted;
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException {
        // supports() accepted this point and probe() loaded the library (Backend's contract): neither is run again
        if (data.problem() != problem && !data.problem().equals(problem)) {
            throw new IllegalArgumentException("data were made for " + data.problem() + ", not " + problem);
        }
        DnnlLibrary.Info info = DnnlLibrary.info();
        Layout layout = Layout.parse(variant.option(Layout.KEY, Layout.DEFAULT.id()));
        if (info == null || layout == null) {
            throw new IllegalStateException("dnnl.prepare called for a point supports() refuses: " + problem);
        }
        OmpThreads.Count threads = info.threads();
        String wrongThreads = threadRefusal(threads, variant.threads()); // cheap, and a mislabelled point otherwise
        if (wrongThreads != null) {
            throw new UnsupportedException("dnnl: " + wrongThreads);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("threads", threads.threads());
        context.put("threads_source", threads.source());
        context.put("isa", info.isa());
        context.put("layout_option", layout.id());
        DnnlOp op;
        if (problem instanceof ConvProblem c) {
            op = ConvPrimitive.prepare(c, variant.algorithm(), layout, data, context);
        } else if (problem instanceof FcProblem f) {
            op = FcPrimitive.prepare(f, layout, data, context);
        } else if (problem instanceof PoolProblem p) {
            op = PoolPrimitive.prepare(p, layout, data, context);
        } else if (problem instanceof SoftmaxProblem s) {
            op = SoftmaxPrimitive.prepare(s, layout, data, context);
        } else {
            throw new UnsupportedException("dnnl: no primitive for " + problem.op().id());
        }
        return op;
    }
}
