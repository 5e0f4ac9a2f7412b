package org.opbench.backend.tensorrt;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.nvinfer.IProfiler;
import org.opbench.spi.BackendException;

/**
 * A TensorRT {@code IProfiler} (opbench's C++ collector, {@link TrtNative}) that records each layer's time as
 * TensorRT reports it. Give {@link #profiler()} to {@code IExecutionContext::setProfiler}; after each profiled run
 * and {@code reportToProfiler}, {@link #drain()} returns and clears the reports. {@link #close()} frees the
 * collector and is idempotent; the execution context must no longer use it by then.
 */
public final class LayerProfiler implements AutoCloseable {
    /** One report: a TensorRT layer (possibly several fused network layers) and its time in milliseconds. */
    public record Report(String layer, float ms) {
    }

    private Pointer handle;

    private LayerProfiler(Pointer handle) {
        this.handle = handle;
    }

    /**
     * Loads the binding ({@link TrtNatives#load()}).
     *
     * @return null when loaded, else why per-layer profiles are unavailable
     */
    public static String load() {
        String failed = TrtNatives.load();
        return failed == null ? null : "per-layer TensorRT profiles need " + failed;
    }

    /** A new, empty profiler. */
    public static LayerProfiler create() throws BackendException {
        String failed = load();
        if (failed != null) {
            throw new BackendException(failed);
        }
        Pointer p = TrtNative.opbench_trt_profiler_new();
        if (p == null || p.isNull()) {
            throw new BackendException("cannot allocate the TensorRT profiler (out of memory)");
        }
        return new LayerProfiler(p);
    }

    /** The collector as the preset's {@code IProfiler}, for {@code setProfiler} (loads the TensorRT preset). */
    public IProfiler profiler() {
        return new IProfiler(open());
    }

    /** Reports since the last drain, in the order TensorRT made them; clears them. */
    public List<Report> drain() throws BackendException {
        Pointer p = open();
        int n = TrtNative.opbench_trt_profiler_count(p);
        int dropped = TrtNative.opbench_trt_profiler_dropped(p);
        List<Report> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Report(TrtNative.opbench_trt_profiler_name(p, i), TrtNative.opbench_trt_profiler_ms(p, i)));
        }
        TrtNative.opbench_trt_profiler_clear(p);
        if (dropped > 0) {
            throw new BackendException("the TensorRT profiler dropped " + dropped + " reports (out of memory)");
        }
        return out;
    }

    /** Calls {@code reportLayerTime} through the C++ interface, as TensorRT does (for tests). */
    void report(String layer, float ms) {
        TrtNative.opbench_trt_profiler_report(open(), layer, ms);
    }

    private Pointer open() {
        if (handle == null) {
            throw new IllegalStateException("the TensorRT profiler is closed");
        }
        return handle;
    }

    @Override
    public void close() {
        if (handle != null) {
            TrtNative.opbench_trt_profiler_free(handle);
            handle = null;
        }
    }
}
