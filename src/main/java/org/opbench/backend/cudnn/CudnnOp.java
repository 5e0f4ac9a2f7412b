package org.opbench.backend.cudnn;

import java.util.Map;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.backend.cuda.DeviceMemory;
import org.opbench.spi.BackendException;
import org.opbench.spi.BasePreparedOp;
import org.opbench.spi.Execution;

/**
 * A prepared cudnn-backend operator. {@link #run()} records a CUDA event, enqueues the operator's kernels
 * ({@link #enqueue()}), records a second event and waits for it: the device time between the events is the
 * repetition's time. Host-device copies happen in prepare and {@link #output()} only; their times are reported
 * as {@code h2d_ms} and {@code d2h_ms}.
 */
abstract class CudnnOp extends BasePreparedOp {
    final CudnnSession session;
    private final DeviceBuffer dst;
    private final float[] out;

    CudnnOp(CudnnSession session, DeviceBuffer dst, int outElements, Execution execution,
            Map<String, Object> prepared) {
        super(execution, prepared, session.timer::lastNanos); // prepare keeps adding facts (copy times, memory)
        this.session = session;
        this.dst = dst;
        this.out = new float[outElements];
    }

    /** Enqueues one repetition's kernels on the session's stream; must not allocate. */
    abstract void enqueue() throws BackendException;

    @Override
    public final void run() throws BackendException {
        session.timer.start();
        enqueue();
        session.timer.stop();
    }

    @Override
    public float[] output() throws BackendException {
        details.put("d2h_ms", dst.downloadMs(out));
        return out;
    }

    @Override
    public void close() {
        session.closer.close();
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
