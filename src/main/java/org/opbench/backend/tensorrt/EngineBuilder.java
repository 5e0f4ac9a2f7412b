package org.opbench.backend.tensorrt;

import static org.bytedeco.tensorrt.global.nvonnxparser.createParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvinfer.ITimingCache;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.bytedeco.tensorrt.nvonnxparser.IParserError;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * Builds a serialized TensorRT engine from ONNX bytes: parse ({@code nvonnxparser}), configure the precision,
 * the workspace limit, the timing cache and (int8) the calibrator, ask {@code isNetworkSupported}, then
 * {@code buildSerializedNetwork}. The build time is measured here. Works for any ONNX model (single nodes or whole
 * networks); layer information is kept at {@code kDETAILED} verbosity so {@link EngineLayers} can list tactics.
 */
public final class EngineBuilder {

    /**
     * How to build.
     *
     * @param precision      the precision TensorRT may use
     * @param workspaceBytes limit of the builder's workspace memory pool
     * @param timingCache    the on-disk timing cache, or null for none
     * @param calibrationInput name of the network input: calibration data is fed to it (int8), and
     *                       {@code inputShape} applies to it
     * @param inputShape     the input's shape at run time, for a model whose input has free dimensions (a whole
     *                       network's batch): the engine is built for exactly that shape (one optimization profile
     *                       with min = opt = max); null for a model with a fixed shape
     * @param calibration    the calibration batches (int8 only), or null
     */
    public record Options(Precision precision, long workspaceBytes, TimingCacheFile timingCache,
                          String calibrationInput, long[] inputShape, CalibrationBatches calibration) {
        public Options {
            inputShape = inputShape == null ? null : inputShape.clone();
        }

        /** Options for a model with a fixed input shape. */
        public Options(Precision precision, long workspaceBytes, TimingCacheFile timingCache, String calibrationInput,
                       CalibrationBatches calibration) {
            this(precision, workspaceBytes, timingCache, calibrationInput, null, calibration);
        }
    }

    /**
     * A built engine.
     *
     * @param plan            the serialized engine (host memory owned by TensorRT)
     * @param buildMs         time {@code buildSerializedNetwork} took
     * @param timingCache     {@code none}, {@code new}, {@code loaded} or {@code rejected} (a stale file replaced)
     * @param calibrationBatches batches the calibrator handed over (0 unless int8)
     */
    public record Built(IHostMemory plan, double buildMs, String timingCache, int calibrationBatches) {
        public long planBytes() {
            return plan.size();
        }
    }

    private EngineBuilder() {
    }

    /** Builds {@code onnx} with {@code lib}'s builder. */
    public static Built build(TrtLibrary lib, byte[] onnx, Options options) throws BackendException {
        return build(lib, onnx, null, options);
    }

    /**
     * Builds {@code onnx} with {@code lib}'s builder; {@code modelPath} (or null) is where the ONNX file lies, for
     * weights stored in external files beside it. The network definition, builder config and timing cache are
     * deleted afterwards ({@link TrtNatives#delete}); the ONNX parser cannot be (see the tensorrt package notes).
     */
    public static Built build(TrtLibrary lib, byte[] onnx, String modelPath, Options options) throws BackendException {
        IBuilder builder = lib.builder;
        lib.logger.drain();
        checkPlatform(builder, options.precision());
        INetworkDefinition network = builder.createNetworkV2(0);
        IBuilderConfig config = null;
        ITimingCache[] cache = {null};
        RandomCalibrator calibrator = null;
        try (BytePointer model = new BytePointer(onnx)) {
            IParser parser = createParser(network, lib.logger);
            boolean parsed = modelPath == null ? parser.parse(model, onnx.length)
                    : parser.parse(model, onnx.length, modelPath);
            if (!parsed) {
                List<TrtStatus.ParserError> errors = new ArrayList<>();
                for (int i = 0; i < parser.getNbErrors(); i++) {
                    IParserError e = parser.getError(i);
                    errors.add(new TrtStatus.ParserError(e.code(), e.nodeName() == null ? "" : e.nodeName(),
                            String.valueOf(e.desc())));
                }
                throw TrtStatus.parseFailure(errors);
            }
            config = builder.createBuilderConfig();
            config.setMemoryPoolLimit(nvinfer.MemoryPoolType.kWORKSPACE, options.workspaceBytes());
            config.setProfilingVerbosity(nvinfer.ProfilingVerbosity.kDETAILED);
            if (!options.precision().allowsTf32()) {
                config.clearFlag(nvinfer.BuilderFlag.kTF32);
            } else {
                config.setFlag(nvinfer.BuilderFlag.kTF32);
            }
            if (options.precision().allowsFp16()) {
                config.setFlag(nvinfer.BuilderFlag.kFP16);
            }
            String cacheState = attachTimingCache(config, options.timingCache(), cache);
            IOptimizationProfile profile = fixShape(lib, network, config, options);
            if (options.precision().int8()) {
                if (options.calibration() == null) {
                    throw new IllegalArgumentException("int8 needs calibration batches");
                }
                calibrator = new RandomCalibrator(options.calibrationInput(), options.calibration());
                config.setFlag(nvinfer.BuilderFlag.kINT8);
                config.setInt8Calibrator(calibrator);
                if (profile != null && !config.setCalibrationProfile(profile)) {
                    throw new BackendException("TensorRT refused the calibration profile: " + lib.logger.drain());
                }
            }
            if (!builder.isNetworkSupported(network, config)) {
                throw new UnsupportedException("TensorRT reports the network unsupported with precision "
                        + options.precision().id() + " (IBuilder::isNetworkSupported): " + lib.logger.drain());
            }
            long t0 = System.nanoTime();
            IHostMemory plan = builder.buildSerializedNetwork(network, config);
            double buildMs = (System.nanoTime() - t0) / 1e6;
            if (calibrator != null && calibrator.failure() != null) {
                TrtNatives.delete(plan);
                throw calibrator.failure();
            }
            if (plan == null || plan.isNull() || plan.size() == 0) {
                TrtNatives.delete(plan);
                throw new BackendException("TensorRT could not build an engine with precision "
                        + options.precision().id() + ": " + lib.logger.drain());
            }
            saveTimingCache(cache[0], options.timingCache());
            return new Built(plan, buildMs, cacheState, calibrator == null ? 0 : calibrator.batchesUsed());
        } finally {
            // the config refers to the cache and the calibrator, the parser and config to the network
            TrtNatives.delete(config);
            TrtNatives.delete(cache[0]);
            TrtNatives.delete(network);
            if (calibrator != null) {
                calibrator.close();
            }
        }
    }

    /**
     * For a model whose input has free dimensions: one optimization profile fixing it to
     * {@code options.inputShape()} (min = opt = max), so that the engine is tuned for the measured shape. Null when
     * the input is fixed. A free input without a shape, or a shape that contradicts the model, is an error.
     */
    private static IOptimizationProfile fixShape(TrtLibrary lib, INetworkDefinition network, IBuilderConfig config,
                                                 Options options) throws BackendException {
        ITensor input = null;
        for (int i = 0; i < network.getNbInputs() && input == null; i++) {
            ITensor t = network.getInput(i);
            input = t.getName().equals(options.calibrationInput()) ? t : null;
        }
        if (input == null) {
            throw new BackendException("the model has no input named " + options.calibrationInput());
        }
        Dims64 dims = input.getDimensions();
        long[] declared = new long[dims.nbDims()];
        boolean free = false;
        for (int i = 0; i < declared.length; i++) {
            declared[i] = dims.d(i);
            free |= declared[i] < 0;
        }
        if (!free) {
            return null;
        }
        long[] shape = options.inputShape();
        if (!ShapeFit.fits(declared, shape)) {
            throw new BackendException("the model's input " + options.calibrationInput() + " has free dimensions "
                    + ShapeFit.text(declared) + " and no matching run-time shape was given ("
                    + (shape == null ? "none" : ShapeFit.text(shape)) + ")");
        }
        try (Dims64 fixed = TrtEngines.dims(shape)) {
            IOptimizationProfile profile = lib.builder.createOptimizationProfile();
            String name = options.calibrationInput();
            if (!profile.setDimensions(name, nvinfer.OptProfileSelector.kMIN, fixed)
                    || !profile.setDimensions(name, nvinfer.OptProfileSelector.kOPT, fixed)
                    || !profile.setDimensions(name, nvinfer.OptProfileSelector.kMAX, fixed)
                    || config.addOptimizationProfile(profile) < 0) {
                throw new BackendException("TensorRT refused the optimization profile " + ShapeFit.text(shape)
                        + ": " + lib.logger.drain());
            }
            return profile;
        }
    }

    /** Refuses a precision the device has no fast path for, as the builder reports it. */
    private static void checkPlatform(IBuilder builder, Precision p) throws UnsupportedException {
        if (p == Precision.FP16 && !builder.platformHasFastFp16()) {
            throw new UnsupportedException("this device has no fast fp16 (IBuilder::platformHasFastFp16 is false)");
        }
        if (p == Precision.INT8 && !builder.platformHasFastInt8()) {
            throw new UnsupportedException("this device has no fast int8 (IBuilder::platformHasFastInt8 is false)");
        }
        if (p == Precision.TF32 && !builder.platformHasTf32()) {
            throw new UnsupportedException("this device has no TF32 (IBuilder::platformHasTf32 is false)");
        }
    }

    /** Attaches the file's timing cache to the config (the cache object goes to {@code attached[0]}); its state. */
    private static String attachTimingCache(IBuilderConfig config, TimingCacheFile file, ITimingCache[] attached)
            throws BackendException {
        if (file == null) {
            return "none";
        }
        byte[] bytes = file.read();
        try (BytePointer blob = bytes.length == 0 ? null : new BytePointer(bytes)) {
            ITimingCache cache = config.createTimingCache(blob, bytes.length);
            if (cache != null && !cache.isNull() && config.setTimingCache(cache, false)) {
                attached[0] = cache;
                return bytes.length == 0 ? "new" : "loaded";
            }
            TrtNatives.delete(cache);
        }
        ITimingCache fresh = config.createTimingCache(null, 0);
        if (fresh == null || fresh.isNull() || !config.setTimingCache(fresh, false)) {
            TrtNatives.delete(fresh);
            throw new BackendException("TensorRT could not create a timing cache");
        }
        attached[0] = fresh;
        return "rejected";
    }

    private static void saveTimingCache(ITimingCache cache, TimingCacheFile file) {
        if (file == null || cache == null || cache.isNull()) {
            return;
        }
        IHostMemory mem = cache.serialize();
        if (mem == null || mem.isNull()) {
            return;
        }
        byte[] bytes = hostBytes(mem);
        TrtNatives.delete(mem);
        try {
            file.write(bytes);
        } catch (IOException e) {
            System.err.println("opbench: warning: cannot write TensorRT's timing cache " + file.path() + ": " + e);
        }
    }

    /** Copies TensorRT host memory into a Java array. */
    static byte[] hostBytes(IHostMemory mem) {
        byte[] bytes = new byte[Math.toIntExact(mem.size())];
        new BytePointer(mem.data()).get(bytes, 0, bytes.length);
        return bytes;
    }
}
