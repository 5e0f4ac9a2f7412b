package org.opbench.backend.cuda;

import java.util.Map;
import org.opbench.spi.BackendException;
import org.opbench.spi.BasePreparedOp;
import org.opbench.spi.Execution;

/**
 * A prepared operator timed on a CUDA stream: {@link #run()} records a CUDA event, enqueues one repetition
 * ({@link #enqueueRepetition()}), records a second event and waits for it; the device time between the events is
 * the repetition's time. The output is copied back in {@link #output()} only, its time recorded as {@code d2h_ms}.
 * {@link #close()} closes the {@link Closer} that owns everything the op allocated.
 */
public abstract class CudaTimedOp extends BasePreparedOp {
    private final Closer closer;
    private final EventTimer timer;
    private final DeviceBuffer dst;
    private final float[] out;

    protected CudaTimedOp(Execution execution, Map<String, Object> details, Closer closer, EventTimer timer,
                          DeviceBuffer dst, int outElements) {
        super(execution, details, timer::lastNanos);
        this.closer = closer;
        this.timer = timer;
        this.dst = dst;
        this.out = new float[outElements];
    }

    /** Enqueues one repetition's kernels on the timer's stream; must not allocate. */
    protected abstract void enqueueRepetition() throws BackendException;

    @Override
    public final void run() throws BackendException {
        timer.start();
        enqueueRepetition();
        timer.stop();
    }

    @Override
    public float[] output() throws BackendException {
        details.put("d2h_ms", dst.downloadMs(out));
        return out;
    }

    @Override
    public void close() {
        closer.close();
    }
}
