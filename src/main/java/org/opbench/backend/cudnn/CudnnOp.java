package org.opbench.backend.cudnn;

import java.util.Map;
import org.opbench.backend.cuda.CudaTimedOp;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.backend.cuda.DeviceMemory;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;

/**
 * A prepared cudnn-backend operator. {@link #run()} records a CUDA event, enqueues the operator's kernels
 * ({@link #enqueue()}), records a second event and waits for it: the device time between the events is the
 * repetition's time. Host-device copies happen in prepare and {@link #output()} only; their times are reported
 * as {@code h2d_ms} and {@code d2h_ms}.
 */
abstract class CudnnOp extends CudaTimedOp {
    final CudnnSession session;

    CudnnOp(CudnnSession session, DeviceBuffer dst, int outElements, Execution execution,
            Map<String, Object> prepared) {
        // prepare keeps adding facts (copy times, memory) to the details until it returns
        super(execution, prepared, session.closer, session.timer, dst, outElements);
        this.session = session;
    }

    /** Enqueues one repetition's kernels on the session's stream; must not allocate. */
    abstract void enqueue() throws BackendException;

    @Override
    protected final void enqueueRepetition() throws BackendException {
        enqueue();
    }

    /** Facts every op records at the end of prepare: host-to-device copy time and device memory it took. */
    static void finishPrepare(CudnnSession s, Map<String, Object> details, long h2dNanos) throws BackendException {
        details.put("h2d_ms", h2dNanos / 1e6);
        details.put("device_mem_bytes", DeviceMemory.usedBytes() - s.memoryBefore);
    }

    /** Allocates a device buffer for {@code data}, copies it there, and adds the copy time to {@code h2d[0]}. */
    static DeviceBuffer upload(CudnnSession s, float[] data, long[] h2d) throws BackendException {
        DeviceBuffer b = s.closer.add(DeviceBuffer.floats(data.length));
        long t0 = System.nanoTime();
        b.upload(data);
        h2d[0] += System.nanoTime() - t0;
        return b;
    }
}
