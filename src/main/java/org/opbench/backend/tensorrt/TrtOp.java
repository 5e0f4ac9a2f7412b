package org.opbench.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import java.util.List;
import java.util.Map;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.opbench.backend.cuda.Closer;
import org.opbench.backend.cuda.CudaStatus;
import org.opbench.backend.cuda.CudaStream;
import org.opbench.backend.cuda.CudaTimedOp;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.backend.cuda.DeviceMemory;
import org.opbench.backend.cuda.EventTimer;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;

/**
 * A single-node engine ready to run: input and output bound to device buffers, execution-context memory owned by
 * this op. {@link #run()} records a CUDA event, {@code enqueueV3}, records a second event and waits: the device
 * time between the events is the repetition's time.
 */
final class TrtOp extends CudaTimedOp {
    private final IExecutionContext context;
    private final CudaStream stream;

    private TrtOp(Closer closer, IExecutionContext context, CudaStream stream, EventTimer timer, DeviceBuffer y,
                  int outElements, Execution execution, Map<String, Object> details) {
        super(execution, details, closer, timer, y, outElements);
        this.context = context;
        this.stream = stream;
    }

    static TrtOp prepare(TrtLibrary lib, Problem problem, ProblemData data, byte[] onnx, EngineBuilder.Options options,
                         int device) throws BackendException {
        Closer closer = new Closer();
        try {
            CudaStatus.check(cudaSetDevice(device), "cudaSetDevice(" + device + ")");
            long memBefore = DeviceMemory.usedBytes();
            EngineBuilder.Built built = EngineBuilder.build(lib, onnx, options);
            Map<String, Object> details = TrtEngines.buildDetails(built, options, onnx.length);

            ICudaEngine engine = TrtEngines.deserialize(lib, built, closer);
            checkIo(engine, problem);
            TrtEngines.Context c = TrtEngines.context(lib, engine, closer);
            IExecutionContext ctx = c.context();
            details.put("context_memory_bytes", c.memoryBytes());

            CudaStream stream = closer.add(CudaStream.create());
            EventTimer timer = closer.add(EventTimer.create(stream));
            DeviceBuffer x = closer.add(DeviceBuffer.floats(problem.srcElements()));
            DeviceBuffer y = closer.add(DeviceBuffer.floats(problem.dstElements()));
            details.put("h2d_ms", x.uploadMs(data.src()));
            TrtEngines.bind(lib, ctx, OnnxSource.INPUT, x);
            TrtEngines.bind(lib, ctx, OnnxSource.OUTPUT, y);

            List<EngineLayers.Layer> layers = TrtEngines.layers(engine);
            details.put("layers", TrtEngines.layerText(layers));
            Execution execution = options.precision().execution(EngineLayers.impl(options.precision().id(), layers));
            TrtOp op = new TrtOp(closer, ctx, stream, timer, y, Math.toIntExact(problem.dstElements()), execution,
                    details);
            op.enqueue(); // a trial run, so that a failing engine fails in prepare
            CudaStatus.check(cudaStreamSynchronize(stream.handle()), "cudaStreamSynchronize after a trial run");
            details.put("device_mem_bytes", DeviceMemory.usedBytes() - memBefore);
            return op;
        } catch (BackendException | RuntimeException | Error e) {
            closer.close();
            throw e;
        }
    }

    /** The engine must have exactly the input x and output y, with the problem's element counts. */
    private static void checkIo(ICudaEngine engine, Problem problem) throws BackendException {
        List<String> names = TrtEngines.ioNames(engine);
        if (names.size() != 2 || !names.contains(OnnxSource.INPUT) || !names.contains(OnnxSource.OUTPUT)) {
            throw new BackendException("the engine's tensors are " + names + ", expected x and y");
        }
        long in = TrtEngines.elements(engine.getTensorShape(OnnxSource.INPUT));
        long outElements = TrtEngines.elements(engine.getTensorShape(OnnxSource.OUTPUT));
        if (in != problem.srcElements() || outElements != problem.dstElements()) {
            throw new BackendException("the engine's x has " + in + " and y " + outElements + " elements, the problem "
                    + problem.srcElements() + " and " + problem.dstElements());
        }
    }

    private void enqueue() throws BackendException {
        if (!context.enqueueV3(stream.handle())) {
            throw new BackendException("IExecutionContext::enqueueV3 failed");
        }
    }

    @Override
    protected void enqueueRepetition() throws BackendException {
        enqueue();
    }
}
