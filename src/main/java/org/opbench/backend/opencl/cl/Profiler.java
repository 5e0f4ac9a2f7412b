package org.opbench.backend.opencl.cl;

import static org.bytedeco.opencl.global.OpenCL.*;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.opencl._cl_command_queue;
import org.bytedeco.opencl._cl_event;

/**
 * Enqueues a sequence of launches with profiling events, waits, and reads the events. Events and the value
 * buffer are allocated here, so {@link #run} allocates nothing when the calls succeed.
 *
 * <p>Two figures per run: {@link #deviceNanos()}, the sum over kernels of {@code END - QUEUED}, where a kernel
 * queued while its predecessor still ran counts from that predecessor's END (so waiting in the in-order queue is
 * not counted twice; when kernels do not overlap in the queue this is exactly {@code sum(END - QUEUED)}); and
 * {@link #execNanos()}, the sum of {@code END - START} (pure execution, what the tuner compares).
 */
public final class Profiler implements AutoCloseable {
    private final _cl_event[] events;
    private final LongPointer value = new LongPointer(1);
    private long deviceNanos = -1;
    private long execNanos;
    private boolean closed;

    public Profiler(int maxLaunches) {
        events = new _cl_event[maxLaunches];
        for (int i = 0; i < maxLaunches; i++) {
            events[i] = new _cl_event();
        }
    }

    /** Runs {@code launches} in order on {@code queue} and waits for them. */
    public void run(_cl_command_queue queue, Launch[] launches) throws ClException {
        int n = launches.length;
        for (int i = 0; i < n; i++) {
            int st = launches[i].enqueue(queue, events[i]);
            if (st != Cl.SUCCESS) {
                clFinish(queue);
                release(i);
                throw new ClException(st, "clEnqueueNDRangeKernel(" + launches[i].kernel().name() + ") failed: "
                        + Cl.name(st) + " (" + launches[i].describe() + ")");
            }
        }
        int st = clFinish(queue);
        if (st != Cl.SUCCESS) {
            release(n);
            Cl.check(st, "clFinish");
        }
        long total = 0;
        long exec = 0;
        long prevEnd = Long.MIN_VALUE;
        int failed = Cl.SUCCESS;
        for (int i = 0; i < n && failed == Cl.SUCCESS; i++) {
            long queued = info(events[i], CL_PROFILING_COMMAND_QUEUED);
            long start = info(events[i], CL_PROFILING_COMMAND_START);
            long end = info(events[i], CL_PROFILING_COMMAND_END);
            if (queued < 0 || start < 0 || end < 0) {
                failed = (int) Math.min(Math.min(queued, start), end);
            }
            total += end - Math.max(queued, prevEnd);
            exec += end - start;
            prevEnd = end;
        }
        release(n);
        Cl.check(failed, "clGetEventProfilingInfo");
        deviceNanos = total;
        execNanos = exec;
    }

    /** The profiling value, or the negative status when the query fails. */
    private long info(_cl_event e, int param) {
        int st = clGetEventProfilingInfo(e, param, 8, value, (SizeTPointer) null);
        return st == Cl.SUCCESS ? value.get() : st;
    }

    private void release(int count) {
        for (int i = 0; i < count; i++) {
            clReleaseEvent(events[i]);
        }
    }

    /** Device time of the last run: per kernel END - QUEUED, without counting queue overlap twice; -1 before one. */
    public long deviceNanos() {
        return deviceNanos;
    }

    /** Execution time of the last run: sum of END - START. */
    public long execNanos() {
        return execNanos;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            value.close();
        }
    }
}
