package org.opbench.backend.opencv;

import java.nio.file.Path;
import org.opbench.problem.Precision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        if (problem.dtype() != Precision.F32) {
            return Support.no("opencv is run in f32 only");
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

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException {
        supports(problem, variant).require();
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
