package org.opbench.network.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.opbench.backend.cuda.Closer;
import org.opbench.backend.cuda.CudaStatus;
import org.opbench.backend.cuda.CudaStream;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.backend.cuda.DeviceMemory;
import org.opbench.backend.tensorrt.EngineBuilder;
import org.opbench.backend.tensorrt.EngineLayers;
import org.opbench.backend.tensorrt.LayerProfiler;
import org.opbench.backend.tensorrt.TrtEngines;
import org.opbench.backend.tensorrt.TrtLibrary;
import org.opbench.network.profile.KernelTiming;
import org.opbench.network.spi.NameResolver;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.spi.BackendException;
import org.opbench.spi.BasePreparedOp;
import org.opbench.spi.Execution;

/**
 * A TensorRT engine of a whole network at one batch size, with its input uploaded and its output bound to device
 * buffers. {@link #run()} is {@code enqueueV3} and a stream synchronisation, so the driver's host clock times the
 * inference to completion (launch included); nothing is copied between host and device there. Profiling attaches
 * opbench's {@link LayerProfiler} only after the measurement.
 */
final class TrtNetSession extends BasePreparedOp implements NetSession {
    private final TrtLibrary lib;
    private final NetRequest request;
    private final Closer closer;
    private final IExecutionContext context;
    private final CudaStream stream;
    private final DeviceBuffer y;
    private final float[] out;
    private boolean closed;

    private TrtNetSession(TrtLibrary lib, NetRequest request, Closer closer, IExecutionContext context,
                          CudaStream stream, DeviceBuffer y, Execution execution, Map<String, Object> details) {
        super(execution, details);
        this.lib = lib;
        this.request = request;
        this.closer = closer;
        this.context = context;
        this.stream = stream;
        this.y = y;
        this.out = new float[Math.toIntExact(request.outputElements())];
    }

    /** Builds the engine for the request's input shape, binds the tensors and uploads the input (no run). */
    static TrtNetSession open(TrtLibrary lib, NetRequest r, byte[] onnx, EngineBuilder.Options options)
            throws BackendException {
        Closer closer = new Closer();
        try {
            long memBefore = DeviceMemory.usedBytes();
            EngineBuilder.Built built = EngineBuilder.build(lib, onnx, r.model().toString(), options);
            Map<String, Object> details = TrtEngines.buildDetails(built, options, onnx.length);
            ICudaEngine engine = TrtEngines.deserialize(lib, built, closer);
            List<String> io = TrtEngines.ioNames(engine);
            if (io.size() != 2 || !io.contains(r.input()) || !io.contains(r.output())) {
                throw new BackendException("the engine's tensors are " + io + ", expected the input " + r.input()
                        + " and the output " + r.output());
            }
            TrtEngines.Context c = TrtEngines.context(lib, engine, closer);
            IExecutionContext ctx = c.context();
            details.put("context_memory_bytes", c.memoryBytes());
            CudaStream stream = closer.add(CudaStream.create());
            DeviceBuffer x = closer.add(DeviceBuffer.floats(r.inputData().length));
            DeviceBuffer y = closer.add(DeviceBuffer.floats(r.outputElements()));
            bind(lib, ctx, r, x, y);
            details.put("h2d_ms", x.uploadMs(r.inputData()));
            List<EngineLayers.Layer> layers = TrtEngines.layers(engine);
            details.put("engine_layers", TrtEngines.layerText(layers));
            String profiler = LayerProfiler.load();
            details.put("layer_profiler", profiler == null
                    ? "nvinfer1::IProfiler (opbench native/tensorrt), reportToProfiler after each run"
                    : "unavailable: " + profiler);
            Execution execution = options.precision().execution(
                    "trt:" + options.precision().id() + " (" + layers.size() + " engine layers)");
            details.put("device_mem_bytes", DeviceMemory.usedBytes() - memBefore);
            // no trial run: the worker's first run is the cold run it records
            return new TrtNetSession(lib, r, closer, ctx, stream, y, execution, details);
        } catch (BackendException | RuntimeException | Error e) {
            closer.close();
            throw e;
        }
    }

    /** Sets the input shape and binds both tensors, checking the element counts TensorRT derives. */
    private static void bind(TrtLibrary lib, IExecutionContext ctx, NetRequest r, DeviceBuffer x, DeviceBuffer y)
            throws BackendException {
        TrtEngines.setInputShape(lib, ctx, r.input(), r.inputShape());
        long in = TrtEngines.elements(ctx, r.input());
        long outElements = TrtEngines.elements(ctx, r.output());
        if (in != r.inputData().length || outElements != r.outputElements()) {
            throw new BackendException("TensorRT's " + r.input() + " has " + in + " and " + r.output() + " "
                    + outElements + " elements, opbench expects " + r.inputData().length + " and "
                    + r.outputElements());
        }
        TrtEngines.bind(lib, ctx, r.input(), x);
        TrtEngines.bind(lib, ctx, r.output(), y);
    }

    private static void enqueue(TrtLibrary lib, IExecutionContext ctx, CudaStream stream) throws BackendException {
        if (!ctx.enqueueV3(stream.handle())) {
            throw new BackendException("IExecutionContext::enqueueV3 failed: " + lib.drainLog());
        }
        CudaStatus.check(cudaStreamSynchronize(stream.handle()), "cudaStreamSynchronize after enqueueV3");
    }

    @Override
    public void run() throws BackendException {
        enqueue(lib, context, stream);
    }

    @Override
    public float[] output() throws BackendException {
        details.put("d2h_ms", y.downloadMs(out));
        return out;
    }

    /**
     * TensorRT's profiler on the measured context, after the measurement (the worker profiles last): opbench's
     * IProfiler is attached, {@code setEnqueueEmitsProfile(false)}, then one unrecorded run and {@code runs} runs,
     * each followed by {@code reportToProfiler}; each TensorRT layer's median time. The profiler is detached again
     * afterwards (and freed with the session). The same context is used rather than a second one because an engine
     * with a dynamic input (every network here: the batch is free in the file) gives its optimization profile to one
     * context at a time.
     */
    @Override
    public List<KernelTiming> profile(int runs) throws BackendException {
        List<List<LayerProfiler.Report>> reports = new ArrayList<>();
        // freed with the session, after the context: whether setProfiler(nullptr) detaches is not documented
        LayerProfiler profiler = closer.add(LayerProfiler.create());
        context.setEnqueueEmitsProfile(false);
        context.setProfiler(profiler.profiler());
        try {
            for (int i = 0; i <= runs; i++) {
                enqueue(lib, context, stream);
                if (!context.reportToProfiler()) {
                    throw new BackendException("IExecutionContext::reportToProfiler failed: " + lib.drainLog());
                }
                List<LayerProfiler.Report> run = profiler.drain();
                if (i > 0) {
                    reports.add(run);
                }
            }
        } finally {
            context.setProfiler(null);
            context.setEnqueueEmitsProfile(true);
        }
        return TrtLayerNames.medians(reports, new NameResolver(request.graph(), request.layers()), request.layers());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closer.close();
        }
    }
}
