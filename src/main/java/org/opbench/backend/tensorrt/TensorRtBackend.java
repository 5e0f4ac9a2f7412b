package org.opbench.backend.tensorrt;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.opbench.backend.cuda.CudaDevice;
import org.opbench.backend.cuda.CudaEnvironment;
import org.opbench.backend.cuda.NvidiaVersions;
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
 * NVIDIA TensorRT through the JavaCPP TensorRT preset: every problem becomes a single-node ONNX model
 * ({@link OnnxSource}), built into an engine with the precision the algorithm names (builder time is part of
 * prepare and recorded as {@code build_ms}), and timed with CUDA events around {@code enqueueV3}.
 *
 * <p>Algorithms (every op): {@code fp32} (default; TF32 disabled), {@code tf32}, {@code fp16}, {@code int8}
 * (entropy calibration over seeded random batches). A problem's {@code --dtype}: f32 on every engine, f16 on the
 * {@code fp16} engine only (its inputs are f16-exact), int8 and bf16 refused ({@link Precision#refusal}). Tuner: {@code none} (TensorRT always times its tactics while
 * building; the timing cache under opbench's cache directory carries those timings across points and runs).
 * Options: {@code tensorrt.device=N} (default 0), {@code tensorrt.workspace_mb=N} (builder workspace pool limit,
 * default 1024), {@code tensorrt.calibration_batches=N} (int8, default 8).
 */
public final class TensorRtBackend implements Backend {
    public static final String NAME = "tensorrt";
    static final long DEFAULT_WORKSPACE_MB = 1024;
    static final int DEFAULT_CALIBRATION_BATCHES = 8;

    private final OnnxSource models;

    /** The backend with this build's model source ({@link OnnxSources#defaultSource()}). Does nothing else. */
    public TensorRtBackend() {
        this(OnnxSources.defaultSource());
    }

    TensorRtBackend(OnnxSource models) {
        this.models = models;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> optionKeys() {
        return Settings.KEYS;
    }

    @Override
    public Availability probe() {
        CudaDevice.Probe dev = CudaDevice.probeWith(0, nvinfer.class, nvonnxparser.class);
        if (!dev.available()) {
            return Availability.unavailable(dev.reason());
        }
        String version = TrtLibrary.version();
        String tooOld = versionProblem(version, NvidiaVersions.TENSORRT);
        if (tooOld != null) {
            return Availability.unavailable(tooOld);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("tensorrt", version);
        details.put("tensorrt_built_against", NvidiaVersions.TENSORRT);
        details.put("onnx_parser", Integer.toString(nvonnxparser.getNvOnnxParserVersion()));
        return dev.availability("TensorRT " + version, details);
    }

    /**
     * Why a loaded TensorRT cannot serve the preset, or null: TensorRT runs applications built against its own
     * or an older minor version of the same major, so the library must be {@code builtAgainst}'s major with at
     * least its minor (the preset calls functions added up to that minor, e.g. {@code getDeviceMemorySizeV2}).
     */
    static String versionProblem(String version, String builtAgainst) {
        int[] have = majorMinor(version);
        int[] need = majorMinor(builtAgainst);
        if (have != null && need != null && have[0] == need[0] && have[1] >= need[1]) {
            return null;
        }
        return "TensorRT " + version + " found, the preset needs TensorRT " + need[0] + "." + need[1]
                + " or a newer " + need[0] + ".x (it was built against " + builtAgainst + ")";
    }

    private static int[] majorMinor(String v) {
        String[] p = v.split("\\.");
        try {
            return p.length < 2 ? null : new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public List<String> algorithms(Op op) {
        return Precision.names();
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        if (variant.threads() != 1) {
            return Support.no("the tensorrt backend runs on the GPU: host threads do not apply (threads=1 only)");
        }
        Precision engine = Precision.parse(variant.algorithm());
        if (engine == null) {
            return Support.no("tensorrt has no precision '" + variant.algorithm() + "' (known: "
                    + String.join(", ", Precision.names()) + ")");
        }
        String dtypeRefusal = engine.refusal(problem.dtype());
        if (dtypeRefusal != null) {
            return Support.no(dtypeRefusal);
        }
        if (!variant.tuner().equals("none")) {
            return Support.no("tensorrt has no tuner '" + variant.tuner() + "' (its builder always times tactics)");
        }
        try {
            Settings.of(variant);
        } catch (IllegalArgumentException e) {
            return Support.no(e.getMessage());
        }
        return Support.YES;
    }

    /**
     * The backend options, validated: {@code device}, {@code workspace_mb}, {@code calibration_batches}.
     *
     * @param device             CUDA device index
     * @param workspaceBytes     builder workspace pool limit
     * @param calibrationBatches int8 calibration batches
     */
    public record Settings(int device, long workspaceBytes, int calibrationBatches) {
        /** Option keys, for {@code --option tensorrt.KEY=VALUE}. */
        public static final List<String> KEYS = List.of("device", "workspace_mb", "calibration_batches");

        static Settings of(Variant v) {
            return of(key -> v.option(key, null));
        }

        /** From an option lookup (null where unset). */
        public static Settings of(Function<String, String> option) {
            int device = (int) number(option, "device", 0, 0);
            long ws = number(option, "workspace_mb", DEFAULT_WORKSPACE_MB, 1);
            int batches = (int) number(option, "calibration_batches", DEFAULT_CALIBRATION_BATCHES, 1);
            return new Settings(device, ws << 20, batches);
        }

        private static long number(Function<String, String> option, String key, long dflt, long min) {
            String s = option.apply(key);
            if (s == null) {
                return dflt;
            }
            try {
                long n = Long.parseLong(s.trim());
                if (n >= min && n < (1L << 20)) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("option tensorrt." + key + " must be "
                    + (min == 0 ? "an integer >= 0" : "a positive integer") + " below 1048576, not '" + s + "'");
        }
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException {
        supports(problem, variant).require();
        Settings settings = Settings.of(variant);
        Precision precision = Precision.parse(variant.algorithm());
        byte[] onnx = models.model(problem, data); // before any native call: unwired builds stop here
        TrtSetup setup = TrtSetup.open(settings.device());
        CalibrationBatches calibration = precision.int8()
                ? new CalibrationBatches(data.seed() ^ 0x5DEECE66DL, Math.toIntExact(problem.srcElements()),
                        settings.calibrationBatches())
                : null;
        EngineBuilder.Options options = new EngineBuilder.Options(precision, settings.workspaceBytes(),
                setup.timingCache(), OnnxSource.INPUT, calibration);
        return TrtOp.prepare(setup.lib(), problem, data, onnx, options, settings.device());
    }

    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return CudaEnvironment.worker(cacheDir);
    }
}
