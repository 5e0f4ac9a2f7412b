package org.opbench.backend.opencv;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Layer;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;
import org.opbench.spi.UnsupportedException;

/**
 * One problem set up as a one-layer OpenCV {@code dnn::Net} ({@link OpenCvNet}: input bound once, a forward that
 * allocates nothing in Java). {@link #prepare} builds the net and runs a first forward so that OpenCV allocates its
 * blobs and packs the weights (Winograd transform included) before timing (OpenCV's own scratch buffers inside
 * {@code forward} are native and outside this class's reach).
 */
final class OpenCvOp implements PreparedOp {
    private static final String INPUT = "data";

    private final Problem problem;
    private final Algorithm algorithm;
    private final LayerSpec spec;
    private final Execution execution;
    private final Map<String, Object> facts = new LinkedHashMap<>();

    private OpenCvNet net;

    private OpenCvOp(Problem problem, Algorithm algorithm, LayerSpec spec) {
        this.problem = problem;
        this.algorithm = algorithm;
        this.spec = spec;
        this.execution = execution(problem, algorithm, spec);
    }

    /** Builds and warms the net; everything native is released if this fails. */
    static OpenCvOp prepare(Problem problem, Algorithm algorithm, int threads, ProblemData data)
            throws BackendException {
        OpenCvNet.threads(threads);
        LayerSpec spec = LayerSpec.of(problem, data);
        OpenCvOp op = new OpenCvOp(problem, algorithm, spec);
        try {
            op.build(data);
            return op;
        } catch (BackendException | RuntimeException | Error e) {
            op.close();
            throw e;
        }
    }

    private void build(ProblemData data) throws BackendException {
        OpenCvErrors.clear();
        byte[] text = spec.text().getBytes(StandardCharsets.US_ASCII);
        try (BytePointer proto = new BytePointer(text);
             BytePointer model = spec.blobs().isEmpty() ? null : CaffeBlobs.encode(spec.name(), spec.blobs())) {
            facts.put("caffe_model_bytes", model == null ? 0L : model.capacity());
            net = new OpenCvNet(opencv_dnn.readNetFromCaffe(proto, text.length, model,
                    model == null ? 0 : model.capacity()));
        } catch (RuntimeException e) {
            throw OpenCvErrors.map(e, "readNetFromCaffe");
        }
        try {
            net.net().setPreferableBackend(opencv_dnn.DNN_BACKEND_OPENCV);
            net.net().setPreferableTarget(target());
            if (algorithm == Algorithm.DIRECT) {
                net.net().enableWinograd(false);
            } else if (algorithm == Algorithm.WINOGRAD) {
                net.net().enableWinograd(true);
            }
            // AUTO keeps OpenCV's default (Winograd enabled)
        } catch (RuntimeException e) {
            throw OpenCvErrors.map(e, "net setup");
        }
        net.bind(data.src(), inputDims(), INPUT, spec.output());
        run();
        net.checkOutput(problem.dstDims());
        if (algorithm == Algorithm.OCL) {
            checkTarget();
        }
    }

    /** The CPU target ({@code DNN_TARGET_CPU_FP16} for an f16 problem) or the OpenCL one. */
    private int target() {
        if (algorithm == Algorithm.OCL) {
            return opencv_dnn.DNN_TARGET_OPENCL;
        }
        return problem.dtype() == Precision.F16 ? opencv_dnn.DNN_TARGET_CPU_FP16 : opencv_dnn.DNN_TARGET_CPU;
    }

    @Override
    public void run() throws BackendException {
        net.forward();
    }

    @Override
    public float[] output() {
        return net.output(problem.dstElements());
    }

    @Override
    public Execution execution() {
        return execution;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("threads", opencv_core.getNumThreads());
        d.put("target", algorithm == Algorithm.OCL ? "DNN_TARGET_OPENCL"
                : problem.dtype() == Precision.F16 ? "DNN_TARGET_CPU_FP16" : "DNN_TARGET_CPU");
        if (problem instanceof ConvProblem) {
            d.put("winograd_enabled", algorithm != Algorithm.DIRECT);
            d.put("conv_path_source", "inferred from OpenCV 4.13's selection conditions (see ConvPath); "
                    + "OpenCV does not report its kernel");
        }
        if (spec.pool() != null) {
            d.put("pool_rounding", spec.pool().rounding());
            if (spec.pool().average()) {
                d.put("ave_pool_padded_area", spec.pool().paddedArea());
            }
        }
        d.putAll(facts);
        if (!net.isClosed()) {
            d.putAll(profile());
        }
        return d;
    }

    /** OpenCV's own per-layer time of the last forward ({@code Net::getPerfProfile}), in microseconds. */
    private Map<String, Object> profile() {
        Map<String, Object> p = new LinkedHashMap<>();
        double perUs = 1e6 / opencv_core.getTickFrequency();
        try (DoublePointer ticks = new DoublePointer(); StringVector names = net.net().getLayerNames()) {
            long total = net.net().getPerfProfile(ticks);
            Map<String, Double> layers = new LinkedHashMap<>();
            for (long i = 0; i < ticks.limit() && i < names.size(); i++) {
                layers.put(OpenCvLibrary.string(names.get(i)), ticks.get(i) * perUs);
            }
            p.put("opencv_layer_us", layers);
            p.put("opencv_total_us", total * perUs);
        } catch (RuntimeException e) {
            p.put("opencv_profile_error", e.getMessage());
        }
        return p;
    }

    @Override
    public void close() {
        if (net != null) {
            net.close();
        }
    }

    /** OpenCV silently falls back to the CPU when its OpenCL target cannot run; the layer records the outcome. */
    private void checkTarget() throws UnsupportedException {
        try (Layer layer = net.net().getLayer(net.net().getLayerId(spec.name()))) {
            int target = layer.preferableTarget();
            if (target != opencv_dnn.DNN_TARGET_OPENCL) {
                throw new UnsupportedException("OpenCV ran the layer on target " + target
                        + " instead of DNN_TARGET_OPENCL (it falls back to the CPU when its OpenCL target cannot run)");
            }
        }
    }

    private int[] inputDims() {
        if (problem instanceof ConvProblem c) {
            return new int[] {c.mb(), c.ic(), c.ih(), c.iw()};
        } else if (problem instanceof FcProblem f) {
            return new int[] {f.mb(), f.ic(), f.ih(), f.iw()};
        } else if (problem instanceof PoolProblem q) {
            return new int[] {q.mb(), q.ic(), q.ih(), q.iw()};
        }
        SoftmaxProblem s = (SoftmaxProblem) problem;
        return new int[] {s.mb(), s.ic(), s.ih(), s.iw()};
    }

    /**
     * fp32 throughout ({@code DNN_TARGET_CPU} and {@code DNN_TARGET_OPENCL}, not their FP16 targets); a CPU
     * convolution goes through Winograd exactly when {@link ConvPath} says OpenCV takes its Winograd path (OpenCV's
     * OpenCL convolutions have no Winograd kernel).
     */
    static Execution execution(Problem problem, Algorithm algorithm, LayerSpec spec) {
        Transform transform = algorithm != Algorithm.OCL && problem instanceof ConvProblem c
                ? ConvPath.of(c, algorithm != Algorithm.DIRECT).transform() : Transform.NONE;
        if (problem.dtype() == Precision.F16) {
            return new Execution(algorithm.id(), implName(problem, algorithm, spec), Numerics.F16, transform);
        }
        return Execution.f32(algorithm.id(), implName(problem, algorithm, spec), transform);
    }

    static String implName(Problem problem, Algorithm algorithm, LayerSpec spec) {
        if (algorithm == Algorithm.OCL) {
            return "opencv:ocl:" + problem.op().id();
        }
        if (problem instanceof ConvProblem c) {
            return "opencv:conv:" + ConvPath.of(c, algorithm != Algorithm.DIRECT).id();
        } else if (problem instanceof FcProblem) {
            return "opencv:fc:inner_product";
        } else if (problem instanceof PoolProblem) {
            return "opencv:pool:" + spec.pool().kind() + ":" + spec.pool().rounding();
        }
        return "opencv:softmax";
    }
}
