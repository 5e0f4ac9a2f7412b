package org.opbench.backend.tensorrt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IEngineInspector;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.opbench.backend.cuda.Closer;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.spi.BackendException;

/**
 * Running a built engine, shared by the operator backend ({@link TrtOp}) and the whole-network backend
 * ({@code org.opbench.network.tensorrt}): deserializing, execution contexts whose device memory opbench allocates
 * and frees ({@code kUSER_MANAGED}), the engine's tensors and its layer list.
 */
public final class TrtEngines {
    private TrtEngines() {
    }

    /** An execution context and the device memory it runs in (owned by the closer given at creation). */
    public record Context(IExecutionContext context, long memoryBytes) {
    }

    /** What every engine records: precision, build time, engine size, timing cache, calibration. */
    public static Map<String, Object> buildDetails(EngineBuilder.Built built, EngineBuilder.Options options,
                                                   long onnxBytes) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("precision", options.precision().id());
        details.put("build_ms", built.buildMs());
        details.put("engine_bytes", built.planBytes());
        details.put("onnx_bytes", onnxBytes);
        details.put("timing_cache", built.timingCache());
        if (options.timingCache() != null) {
            details.put("timing_cache_file", options.timingCache().path().toString());
        }
        // whether this point's TensorRT objects are deleted when it closes (opbench's binding) or stay until exit
        details.put("trt_objects_freed", TrtNatives.load() == null);
        if (options.precision().int8()) {
            details.put("calibration", "entropy2 over " + built.calibrationBatches() + " seeded uniform [-1,1) batches");
        }
        return details;
    }

    /**
     * The engine of a built plan, deleted by {@code closer} (after every context registered later); the plan's host
     * memory is deleted here, so {@code built.plan()} must not be used afterwards.
     */
    public static ICudaEngine deserialize(TrtLibrary lib, EngineBuilder.Built built, Closer closer)
            throws BackendException {
        ICudaEngine engine;
        try {
            engine = lib.runtime.deserializeCudaEngine(built.plan().data(), built.plan().size());
        } finally {
            TrtNatives.delete(built.plan());
        }
        if (engine == null || engine.isNull()) {
            throw new BackendException("deserializeCudaEngine failed: " + lib.logger.drain());
        }
        return TrtNatives.deleteOnClose(closer, engine);
    }

    /** A new execution context over {@code engine}; its device memory is allocated here and freed by {@code closer}. */
    public static Context context(TrtLibrary lib, ICudaEngine engine, Closer closer) throws BackendException {
        IExecutionContext ctx = engine.createExecutionContext(nvinfer.ExecutionContextAllocationStrategy.kUSER_MANAGED);
        if (ctx == null || ctx.isNull()) {
            throw new BackendException("createExecutionContext failed: " + lib.logger.drain());
        }
        long bytes = engine.getDeviceMemorySizeV2();
        DeviceBuffer mem;
        try {
            mem = closer.add(DeviceBuffer.bytes(bytes));
        } catch (BackendException | RuntimeException e) {
            TrtNatives.delete(ctx);
            throw e;
        }
        TrtNatives.deleteOnClose(closer, ctx); // deleted before its memory is freed
        ctx.setDeviceMemoryV2(mem.pointer(), bytes); // a null pointer is valid for size 0
        return new Context(ctx, bytes);
    }

    /** TensorRT dimensions holding {@code shape} (native memory: close it). */
    static Dims64 dims(long[] shape) {
        Dims64 d = new Dims64();
        d.nbDims(shape.length);
        for (int i = 0; i < shape.length; i++) {
            d.d(i, shape[i]);
        }
        return d;
    }

    /** Sets the shape of an input with free dimensions. */
    public static void setInputShape(TrtLibrary lib, IExecutionContext ctx, String input, long[] shape)
            throws BackendException {
        try (Dims64 d = dims(shape)) {
            if (!ctx.setInputShape(input, d)) {
                throw new BackendException("setInputShape(" + input + ", " + ShapeFit.text(shape) + ") failed: "
                        + lib.logger.drain());
            }
        }
    }

    /** Binds a tensor to a device buffer. */
    public static void bind(TrtLibrary lib, IExecutionContext ctx, String tensor, DeviceBuffer buffer)
            throws BackendException {
        if (!ctx.setTensorAddress(tensor, buffer.pointer())) {
            throw new BackendException("setTensorAddress(" + tensor + ") failed: " + lib.logger.drain());
        }
    }

    /** Names of the engine's input and output tensors, in the engine's order. */
    public static List<String> ioNames(ICudaEngine engine) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < engine.getNbIOTensors(); i++) {
            names.add(engine.getIOTensorName(i));
        }
        return names;
    }

    /** Elements of a tensor as the context sees it (its shapes set); negative while a dimension is still free. */
    public static long elements(IExecutionContext ctx, String tensor) {
        return elements(ctx.getTensorShape(tensor));
    }

    static long elements(Dims64 d) {
        long n = 1;
        for (int i = 0; i < d.nbDims(); i++) {
            if (d.d(i) < 0) {
                return -1;
            }
            n *= d.d(i);
        }
        return n;
    }

    /** The engine's layers and tactics ({@link EngineLayers}); empty when the inspector is unavailable. */
    public static List<EngineLayers.Layer> layers(ICudaEngine engine) {
        IEngineInspector inspector = engine.createEngineInspector();
        if (inspector == null || inspector.isNull()) {
            return List.of();
        }
        try {
            return EngineLayers.parse(inspector.getEngineInformation(nvinfer.LayerInformationFormat.kJSON));
        } finally {
            TrtNatives.delete(inspector);
        }
    }

    /** "name [type tactic]" per layer, as recorded in details. */
    public static List<String> layerText(List<EngineLayers.Layer> layers) {
        List<String> text = new ArrayList<>();
        for (EngineLayers.Layer l : layers) {
            text.add(l.name() + " [" + l.type() + (l.tactic().isEmpty() ? "" : " " + l.tactic()) + "]");
        }
        return text;
    }
}
