package org.opbench.backend.opencl.cl;

import static org.bytedeco.opencl.global.OpenCL.*;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.opencl._cl_command_queue;
import org.bytedeco.opencl._cl_context;
import org.bytedeco.opencl._cl_kernel;
import org.bytedeco.opencl._cl_mem;
import org.bytedeco.opencl._cl_program;

/**
 * A context with one in-order, profiling command queue on one device. Everything created through it
 * (buffers, programs, kernels, launches) is released by {@link #close()}, which is idempotent.
 */
public final class ClContext implements AutoCloseable {
    /** Build options common to every program; tiling and problem defines are appended. */
    public static final String BASE_OPTIONS = "-cl-mad-enable";

    private final ClDevice device;
    private final ProgramCache cache;
    private _cl_context context;
    private _cl_command_queue queue;
    private final Deque<Runnable> releases = new ArrayDeque<>();
    private final Map<String, _cl_program> programs = new HashMap<>();
    private long buildNanos;
    private int builtFromSource;
    private int loadedFromCache;

    private ClContext(ClDevice device, ProgramCache cache) {
        this.device = device;
        this.cache = cache;
    }

    public static ClContext create(ClDevice device, ProgramCache cache) throws ClException {
        ClContext c = new ClContext(device, cache);
        try (PointerScope scope = new PointerScope()) {
            IntPointer err = new IntPointer(1);
            PointerPointer<?> devs = new PointerPointer<>(1);
            devs.put(0, device.handle());
            c.context = clCreateContext(null, 1, devs, null, null, err);
            Cl.check(err.get(), "clCreateContext");
            LongPointer props = new LongPointer(CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE, 0);
            c.queue = clCreateCommandQueueWithProperties(c.context, device.handle(), props, err);
            if (err.get() != Cl.SUCCESS) {
                int st = err.get();
                clReleaseContext(c.context);
                Cl.check(st, "clCreateCommandQueueWithProperties");
            }
        }
        return c;
    }

    public ClDevice device() {
        return device;
    }

    public _cl_command_queue queue() {
        return queue;
    }

    /** Total time spent building or loading programs in this context. */
    public long buildNanos() {
        return buildNanos;
    }

    public int builtFromSource() {
        return builtFromSource;
    }

    public int loadedFromCache() {
        return loadedFromCache;
    }

    /** A zero-filled buffer of {@code floats} floats. */
    public ClBuffer zeros(long floats) throws ClException {
        ClBuffer b = allocate(Math.max(1, floats));
        try (FloatPointer zero = new FloatPointer(1)) {
            zero.put(0f);
            Cl.check(clEnqueueFillBuffer(queue, b.mem(), zero, 4, 0, b.bytes(), 0, (PointerPointer<?>) null,
                    (PointerPointer<?>) null), "clEnqueueFillBuffer");
        }
        Cl.check(clFinish(queue), "clFinish");
        return b;
    }

    /** A buffer holding a copy of {@code data} (at least one element long). */
    public ClBuffer upload(float[] data) throws ClException {
        ClBuffer b = allocate(Math.max(1, data.length));
        if (data.length > 0) {
            try (FloatPointer host = new FloatPointer(data)) {
                Cl.check(clEnqueueWriteBuffer(queue, b.mem(), CL_TRUE, 0, (long) data.length * 4, host, 0,
                        (PointerPointer<?>) null, (PointerPointer<?>) null), "clEnqueueWriteBuffer");
            }
        }
        return b;
    }

    /** Reads the first {@code dst.length} floats of {@code b} (blocking). */
    public void read(ClBuffer b, float[] dst) throws ClException {
        try (FloatPointer host = new FloatPointer(dst.length)) {
            Cl.check(clEnqueueReadBuffer(queue, b.mem(), CL_TRUE, 0, (long) dst.length * 4, host, 0,
                    (PointerPointer<?>) null, (PointerPointer<?>) null), "clEnqueueReadBuffer");
            host.get(dst);
        }
    }

    private ClBuffer allocate(long floats) throws ClException {
        long bytes = floats * Float.BYTES;
        if (bytes > device.maxAllocBytes()) {
            throw new ClException(Cl.INVALID_BUFFER_SIZE, "buffer of " + bytes + " bytes exceeds the device's "
                    + "CL_DEVICE_MAX_MEM_ALLOC_SIZE of " + device.maxAllocBytes() + " bytes");
        }
        _cl_mem mem;
        try (IntPointer err = new IntPointer(1)) {
            mem = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, err);
            Cl.check(err.get(), "clCreateBuffer(" + bytes + " bytes)");
        }
        releases.push(() -> clReleaseMemObject(mem));
        return new ClBuffer(mem, floats);
    }

    /**
     * The program for {@code source} built with {@code options} (appended to {@link #BASE_OPTIONS}); built once
     * per context, and loaded from the on-disk binary cache when an earlier run built it.
     */
    public _cl_program program(String source, String options) throws ClException {
        String all = (BASE_OPTIONS + " " + options).trim();
        String key = ProgramCache.key(device, source, all);
        _cl_program p = programs.get(key);
        if (p != null) {
            return p;
        }
        long t0 = System.nanoTime();
        p = fromBinary(key, all);
        if (p == null) {
            p = fromSource(source, all);
            cache.store(key, binaryOf(p));
            builtFromSource++;
        } else {
            loadedFromCache++;
        }
        buildNanos += System.nanoTime() - t0;
        programs.put(key, p);
        _cl_program rel = p;
        releases.push(() -> clReleaseProgram(rel));
        return p;
    }

    private _cl_program fromBinary(String key, String options) {
        byte[] bin = cache.load(key);
        if (bin == null) {
            return null;
        }
        try (PointerScope scope = new PointerScope()) {
            IntPointer err = new IntPointer(1);
            IntPointer binStatus = new IntPointer(1);
            PointerPointer<?> devs = new PointerPointer<>(1);
            devs.put(0, device.handle());
            SizeTPointer len = new SizeTPointer(1);
            len.put(bin.length);
            BytePointer data = new BytePointer(bin);
            PointerPointer<?> bins = new PointerPointer<>(1);
            bins.put(0, data);
            _cl_program p = clCreateProgramWithBinary(context, 1, devs, len, bins, binStatus, err);
            if (err.get() != Cl.SUCCESS || binStatus.get() != Cl.SUCCESS) {
                if (p != null && !p.isNull()) {
                    clReleaseProgram(p);
                }
                cache.evict(key);
                return null;
            }
            if (clBuildProgram(p, 1, devs, new BytePointer(options), null, null) != Cl.SUCCESS) {
                clReleaseProgram(p);
                cache.evict(key);
                return null;
            }
            return p;
        }
    }

    private _cl_program fromSource(String source, String options) throws ClException {
        try (PointerScope scope = new PointerScope()) {
            IntPointer err = new IntPointer(1);
            PointerPointer<?> srcs = new PointerPointer<>(1);
            srcs.put(0, new BytePointer(source));
            _cl_program p = clCreateProgramWithSource(context, 1, srcs, null, err);
            Cl.check(err.get(), "clCreateProgramWithSource");
            PointerPointer<?> devs = new PointerPointer<>(1);
            devs.put(0, device.handle());
            int st = clBuildProgram(p, 1, devs, new BytePointer(options), null, null);
            if (st != Cl.SUCCESS) {
                String log = buildLog(p);
                clReleaseProgram(p);
                throw new ClException(st, "clBuildProgram failed: " + Cl.name(st) + " (options '" + options
                        + "'):\n" + log);
            }
            return p;
        }
    }

    private String buildLog(_cl_program p) {
        try (PointerScope scope = new PointerScope()) {
            SizeTPointer len = new SizeTPointer(1);
            if (clGetProgramBuildInfo(p, device.handle(), CL_PROGRAM_BUILD_LOG, 0, null, len) != Cl.SUCCESS) {
                return "(no build log)";
            }
            BytePointer log = new BytePointer(len.get() + 1);
            clGetProgramBuildInfo(p, device.handle(), CL_PROGRAM_BUILD_LOG, len.get(), log, null);
            return ClDevices.cString(log, len.get());
        }
    }

    private byte[] binaryOf(_cl_program p) {
        try (PointerScope scope = new PointerScope()) {
            SizeTPointer size = new SizeTPointer(1);
            if (clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, Pointer.sizeof(SizeTPointer.class), size, null)
                    != Cl.SUCCESS || size.get() == 0) {
                return null;
            }
            BytePointer bin = new BytePointer(size.get());
            PointerPointer<?> bins = new PointerPointer<>(1);
            bins.put(0, bin);
            if (clGetProgramInfo(p, CL_PROGRAM_BINARIES, Pointer.sizeof(PointerPointer.class), bins, null)
                    != Cl.SUCCESS) {
                return null;
            }
            byte[] out = new byte[(int) size.get()];
            bin.get(out);
            return out;
        }
    }

    /** Kernel {@code name} of {@code program}. */
    public ClKernel kernel(_cl_program program, String name) throws ClException {
        _cl_kernel k;
        try (IntPointer err = new IntPointer(1)) {
            k = clCreateKernel(program, name, err);
            Cl.check(err.get(), "clCreateKernel(" + name + ")");
        }
        releases.push(() -> clReleaseKernel(k));
        return new ClKernel(k, name, device.handle());
    }

    /** A launch of {@code kernel} over {@code work} work-items with {@code local} (null: runtime's choice). */
    public Launch launch(ClKernel kernel, long[] work, long[] local) {
        Launch l = new Launch(kernel, work, local);
        releases.push(l::close);
        return l;
    }

    /** A launch the caller closes (tuner candidates); it must not outlive this context. */
    public Launch tempLaunch(ClKernel kernel, long[] work, long[] local) {
        return new Launch(kernel, work, local);
    }

    /** Runs {@code launch} once and waits (setup work in prepare, e.g. a weight transform). */
    public void runOnce(Launch launch) throws ClException {
        Cl.check(launch.enqueue(queue, null), "clEnqueueNDRangeKernel(" + launch.kernel().name() + ")");
        Cl.check(clFinish(queue), "clFinish");
    }

    @Override
    public void close() {
        if (context == null) {
            return;
        }
        if (queue != null) {
            clFinish(queue);
        }
        while (!releases.isEmpty()) {
            releases.pop().run();
        }
        programs.clear();
        if (queue != null) {
            clReleaseCommandQueue(queue);
            queue = null;
        }
        clReleaseContext(context);
        context = null;
    }
}
