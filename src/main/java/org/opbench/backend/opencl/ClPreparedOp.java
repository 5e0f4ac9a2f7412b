package org.opbench.backend.opencl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.backend.opencl.cl.Launch;
import org.opbench.backend.opencl.cl.Profiler;
import org.opbench.backend.opencl.ops.ClOperator;
import org.opbench.spi.BackendException;
import org.opbench.spi.BasePreparedOp;
import org.opbench.spi.Execution;

/**
 * A prepared OpenCL operator: {@link #run()} enqueues its kernels with profiling events, waits, and keeps the
 * device time (see {@link Profiler#deviceNanos()}). Owns its context; {@link #close()} releases everything.
 */
final class ClPreparedOp extends BasePreparedOp {
    private final ClContext ctx;
    private final ClOperator op;
    private final Launch[] launches;
    private final Profiler profiler;
    private final float[] out;
    private final double tuningMs;
    private boolean closed;

    ClPreparedOp(ClContext ctx, ClOperator op, Launch[] launches, long dstElements, Execution execution,
                 Map<String, Object> details, double tuningMs) {
        this(ctx, op, launches, new Profiler(launches.length), dstElements, execution, details, tuningMs);
    }

    private ClPreparedOp(ClContext ctx, ClOperator op, Launch[] launches, Profiler profiler, long dstElements,
                         Execution execution, Map<String, Object> details, double tuningMs) {
        super(execution, new LinkedHashMap<>(details), profiler::deviceNanos);
        this.ctx = ctx;
        this.op = op;
        this.launches = launches.clone();
        this.profiler = profiler;
        this.out = new float[Math.toIntExact(dstElements)];
        this.tuningMs = tuningMs;
    }

    @Override
    public Double tuningMs() {
        return tuningMs;
    }

    @Override
    public void run() throws BackendException {
        profiler.run(ctx.queue(), launches);
    }

    @Override
    public float[] output() throws BackendException {
        ctx.read(op.output(), out);
        return out;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            profiler.close();
            ctx.close();
        }
    }
}
