package org.opbench.backend.opencl.cl;

import static org.bytedeco.opencl.global.OpenCL.clEnqueueNDRangeKernel;

import java.util.Arrays;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.opencl._cl_command_queue;
import org.bytedeco.opencl._cl_event;

/**
 * One kernel enqueue: the kernel, the work-items it needs ({@link #work()}, per dimension) and the local size
 * (null: the runtime chooses). With a local size the global size is rounded up to a multiple of it; kernels
 * bound-check their ids, so every local size within the device's limits is valid. The size pointers are
 * allocated here, so {@link #enqueue} allocates nothing. Owned by the {@link ClContext} that made it.
 */
public final class Launch implements AutoCloseable {
    private final ClKernel kernel;
    private final long[] work;
    private final long[] local;
    private final SizeTPointer globalPtr;
    private final SizeTPointer localPtr;
    private boolean closed;

    Launch(ClKernel kernel, long[] work, long[] local) {
        if (local != null && local.length != work.length) {
            throw new IllegalArgumentException("local size has " + local.length + " dims, work has " + work.length);
        }
        this.kernel = kernel;
        this.work = work.clone();
        this.local = local == null ? null : local.clone();
        this.globalPtr = new SizeTPointer(work.length);
        for (int i = 0; i < work.length; i++) {
            globalPtr.put(i, local == null ? work[i] : roundUp(work[i], local[i]));
        }
        if (local == null) {
            localPtr = null;
        } else {
            localPtr = new SizeTPointer(local.length);
            for (int i = 0; i < local.length; i++) {
                localPtr.put(i, local[i]);
            }
        }
    }

    static long roundUp(long x, long m) {
        return (x + m - 1) / m * m;
    }

    public ClKernel kernel() {
        return kernel;
    }

    public long[] work() {
        return work.clone();
    }

    /** The local size, or null when the runtime chooses. */
    public long[] local() {
        return local == null ? null : local.clone();
    }

    public int dims() {
        return work.length;
    }

    /** Enqueues the kernel; {@code event} (may be null) receives the new event. Returns the OpenCL status. */
    public int enqueue(_cl_command_queue queue, _cl_event event) {
        return clEnqueueNDRangeKernel(queue, kernel.handle(), work.length, null, globalPtr, localPtr, 0,
                (_cl_event) null, event);
    }

    /** e.g. {@code gemm local=[8,4,1]} or {@code gemm local=null}. */
    public String describe() {
        return kernel.name() + " local=" + (local == null ? "null" : Arrays.toString(local));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        globalPtr.close();
        if (localPtr != null) {
            localPtr.close();
        }
    }
}
