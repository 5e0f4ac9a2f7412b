package org.opbench.backend.opencv;

import java.nio.file.Path;
import org.opbench.problem.Precision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_core;
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
 * OpenCV's DNN module (4.13, JavaCPP preset): each problem becomes a one-layer {@code dnn::Net}
 * (Convolution, InnerProduct, Pooling or Softmax) built from layer parameters, run on
 * {@code DNN_BACKEND_OPENCV} with the CPU target, or the OpenCL target where OpenCV has a GPU for it.
 * Algorithms: see {@link Algorithm}; which CPU convolution kernel runs: see {@link ConvPath}; how pools map:
 * see {@link PoolPlan}.
 */
public final class OpenCvBackend implements Backend {
    public static final String NAME = "opencv";

    /**
     * Why f16 is refused on a CPU without NEON fp16 arithmetic. OpenCV 4.13's {@code setPreferableTarget} logs its
     * fallback but keeps reporting {@code DNN_TARGET_CPU_FP16} on its layers, while its fp16 kernels exist for ARM
     * only; timed here, such a point ran fp32 (its error against the f16 reference was fp32-sized, 1.6e-7).
     */
    static final String NO_CPU_FP16 = "OpenCV's DNN_TARGET_CPU_FP16 has fp16 kernels for ARMv8 CPUs with NEON fp16 "
            + "only (OpenCV: \"DNN: fall back to DNN_TARGET_CPU. Only ARM v8 CPU is supported by DNN_TARGET_CPU_FP16.\"); "
            + "this CPU lacks NEON fp16 (checkHardwareSupport(CV_CPU_NEON_FP16) is false), so it would run fp32";

    private final OpenCvLibrary library = new OpenCvLibrary();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability probe() {
        OpenCvLibrary.Facts facts = library.load();
        if (facts == null) {
            return Availability.unavailable(library.failure());
        }
        return Availability.available(facts.version(), facts.device(), facts.details());
    }

    @Override
    public List<String> algorithms(Op op) {
        return Algorithm.names(op);
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        Algorithm algorithm = Algorithm.parse(problem.op(), variant.algorithm());
        if (algorithm == null) {
            return Support.no("opencv has no algorithm '" + variant.algorithm() + "' for " + problem.op().id()
                    + " (known: " + String.join(", ", Algorithm.names(problem.op())) + ")");
        }
        if (!variant.tuner().equals("none")) {
            return Support.no("opencv has no tuner (only 'none')");
        }
        if (!variant.options().isEmpty()) {
            return Support.no("opencv takes no options, got " + variant.options().keySet());
        }
        String precision = precisionReason(problem, algorithm);
        if (precision != null) {
            return Support.no(precision);
        }
        long modelBytes = 4L * (problem.weightElements() + problem.biasElements());
        if (modelBytes > CaffeBlobs.MAX_BYTES - 1024) {
            return Support.no("the weights (" + modelBytes + " bytes) exceed the 2 GiB that OpenCV's Caffe model "
                    + "reader (protobuf) accepts, the path this backend hands blobs to OpenCV");
        }
        if (algorithm == Algorithm.WINOGRAD && problem instanceof ConvProblem c) {
            List<String> why = ConvPath.winogradReasons(c);
            if (!why.isEmpty()) {
                return Support.no("OpenCV would not run Winograd here: " + String.join("; ", why));
            }
        }
        OpenCvLibrary.Facts facts = library.load();
        if (facts == null) {
            return Support.no(library.failure());
        }
        if (problem.dtype() == Precision.F16 && !opencv_core.checkHardwareSupport(opencv_core.CV_CPU_NEON_FP16)) {
            return Support.no(NO_CPU_FP16);
        }
        if (algorithm == Algorithm.OCL && !facts.openCl().usable()) {
            return Support.no("OpenCV's OpenCL target is not available: " + facts.openCl().reason());
        }
        if (algorithm == Algorithm.OCL && !SignalChaining.active()) {
            return Support.no("this worker JVM was started without HotSpot's libjsig (LD_PRELOAD), and initialising "
                    + "OpenCL without it breaks the JVM's division-by-zero trap");
        }
        int effective = OpenCvLibrary.effectiveThreads(variant.threads());
        if (effective != variant.threads()) {
            return Support.no("OpenCV runs " + effective + " threads when asked for " + variant.threads());
        }
        return Support.YES;
    }

    /**
     * Why {@code problem}'s precision cannot run as {@code algorithm}, or null. int8: OpenCV's quantised layers
     * ({@link OpenCvInt8Op}) on the CPU target with OpenCV's own kernel choice (its int8 convolution has no
     * Winograd or OpenCL path here). f16: {@code DNN_TARGET_CPU_FP16} for the CPU algorithms,
     * where the CPU has NEON fp16 ({@link #NO_CPU_FP16}, checked in {@link #supports}). bf16: OpenCV DNN has no bf16
     * target.
     */
    static String precisionReason(Problem problem, Algorithm algorithm) {
        return switch (problem.dtype()) {
            case F32 -> null;
            case BF16 -> "OpenCV DNN has no bf16 target (its CPU targets are DNN_TARGET_CPU and DNN_TARGET_CPU_FP16)";
            case F16 -> algorithm == Algorithm.OCL
                    ? "opencv f16 runs on DNN_TARGET_CPU_FP16 only; the ocl algorithm is DNN_TARGET_OPENCL (fp32)"
                    : null;
            case INT8 -> {
                yield algorithm == Algorithm.AUTO ? null : "opencv int8 runs OpenCV's quantised layers on the CPU "
                        + "target with its own kernel choice: algorithm 'auto' only, not '" + algorithm.id() + "'";
            }
        };
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException {
        supports(problem, variant).require();
        if (problem.dtype() == Precision.INT8) {
            return OpenCvInt8Op.prepare(problem, variant.threads(), data);
        }
        return OpenCvOp.prepare(problem, Algorithm.parse(problem.op(), variant.algorithm()), variant.threads(), data);
    }

    /**
     * OpenCV takes its thread count from {@code setNumThreads} at prepare time, so nothing is needed for that. For
     * the {@code ocl} algorithm: OpenCV's OpenCL program cache goes into opbench's cache directory, and HotSpot's
     * {@code libjsig} is preloaded so that OpenCL's native signal handlers do not displace the JVM's
     * ({@link SignalChaining}).
     */
    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENCV_OPENCL_CACHE_DIR", cacheDir.resolve("opencv-opencl").toString());
        String preload = SignalChaining.preload(SignalChaining.library());
        if (preload != null) {
            env.put("LD_PRELOAD", preload);
        }
        return env;
    }
}
