package org.opbench.backend.opencl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.backend.opencl.cl.Launch;
import org.opbench.backend.opencl.cl.Profiler;
import org.opbench.backend.opencl.ops.ClOperator;
import org.opbench.spi.BackendException;
import org.opbench.spi.Clock;
import org.opbench.spi.PreparedOp;

/**
 * A prepared OpenCL operator: {@link #run()} enqueues its kernels with profiling events, waits, and keeps the
 * device time (see {@link Profiler#deviceNanos()}). Owns its context; {@link #close()} releases everything.
 */
final class ClPreparedOp implements PreparedOp {
    private final ClContext ctx;
    private final ClOperator op;
    private final Launch[] launches;
    private final Profiler profiler;
    private final float[] out;
    private final String impl;
    private final Map<String, Object> details;
    private long lastNanos = -1;
    private boolean closed;

    ClPreparedOp(ClContext ctx, ClOperator op, Launch[] launches, long dstElements, String impl,
                 Map<String, Object> details) {
        this.ctx = ctx;
        this.op = op;
        this.launches = launches.clone();
        this.profiler = new Profiler(launches.length);
        this.out = new float[Math.toIntExact(dstElements)];
        this.impl = impl;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    @Override
    public void run() throws BackendException {
        profiler.run(ctx.queue(), launches);
        lastNanos = profiler.deviceNanos();
    }

    @Override
    public float[] output() throws BackendException {
        ctx.read(op.output(), out);
        return out;
    }

    @Override
    public String impl() {
        return impl;
    }

    @Override
    public Clock clock() {
        return Clock.DEVICE;
    }

    @Override
    public long lastDeviceNanos() {
        if (lastNanos < 0) {
            throw new IllegalStateException("run() has not completed yet");
        }
        return lastNanos;
    }

    @Override
    public Map<String, Object> details() {
        return details;
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
