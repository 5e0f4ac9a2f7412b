package org.opbench.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaEventCreate;
import static org.bytedeco.cuda.global.cudart.cudaEventDestroy;
import static org.bytedeco.cuda.global.cudart.cudaEventElapsedTime;
import static org.bytedeco.cuda.global.cudart.cudaEventRecord;
import static org.bytedeco.cuda.global.cudart.cudaEventSynchronize;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.javacpp.FloatPointer;
import org.opbench.spi.BackendException;

/**
 * Device time of one repetition from a pair of CUDA events recorded around its kernels on the point's stream
 * ({@code cudaEventElapsedTime}, resolution about 0.5 us). Created in prepare; {@link #start} and {@link #stop}
 * allocate nothing.
 */
public final class EventTimer implements AutoCloseable {
    private final CUevent_st start = new CUevent_st();
    private final CUevent_st stop = new CUevent_st();
    private final FloatPointer ms = new FloatPointer(1);
    private final CudaStream stream;
    private boolean startCreated;
    private boolean stopCreated;
    private long lastNanos = -1;

    private EventTimer(CudaStream stream) {
        this.stream = stream;
    }

    public static EventTimer create(CudaStream stream) throws BackendException {
        EventTimer t = new EventTimer(stream);
        try {
            CudaStatus.check(cudaEventCreate(t.start), "cudaEventCreate");
            t.startCreated = true;
            CudaStatus.check(cudaEventCreate(t.stop), "cudaEventCreate");
            t.stopCreated = true;
        } catch (BackendException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** Records the start event on the stream. */
    public void start() throws BackendException {
        int rc = cudaEventRecord(start, stream.handle());
        if (rc != 0) {
            CudaStatus.check(rc, "cudaEventRecord(start)");
        }
    }

    /** Records the stop event, waits for it, and returns the device time between the two events in ns. */
    public long stop() throws BackendException {
        int rc = cudaEventRecord(stop, stream.handle());
        if (rc != 0) {
            CudaStatus.check(rc, "cudaEventRecord(stop)");
        }
        rc = cudaEventSynchronize(stop);
        if (rc != 0) {
            CudaStatus.check(rc, "cudaEventSynchronize (the kernels of this repetition failed)");
        }
        rc = cudaEventElapsedTime(ms, start, stop);
        if (rc != 0) {
            CudaStatus.check(rc, "cudaEventElapsedTime");
        }
        lastNanos = Math.round(ms.get(0) * 1e6);
        return lastNanos;
    }

    /** The last measured time in ns, or -1 before the first {@link #stop}. */
    public long lastNanos() {
        return lastNanos;
    }

    @Override
    public void close() {
        if (stopCreated) {
            stopCreated = false;
            cudaEventDestroy(stop);
        }
        if (startCreated) {
            startCreated = false;
            cudaEventDestroy(start);
        }
        ms.close();
    }
}
