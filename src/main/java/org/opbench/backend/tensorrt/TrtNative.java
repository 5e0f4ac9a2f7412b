package org.opbench.backend.tensorrt;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The JavaCPP binding of {@code native/tensorrt/opbench_trt.h}: opbench's C++ implementation of TensorRT's
 * {@code nvinfer1::IProfiler} (which the preset cannot let Java implement) and {@code delete} for the objects
 * TensorRT's factories return (which the preset cannot free). JavaCPP's {@code Builder} compiles it into
 * {@code libjniTrtNative.so} during the build wherever a C++ compiler is installed (the {@code trt-native} Maven
 * profile); it needs no TensorRT or CUDA header or library. Nothing here loads anything: {@link TrtNatives#load()}
 * calls {@code Loader.load(TrtNative.class)}.
 *
 * <p>Profiler handles are {@code void*} pointing at the {@code IProfiler} subobject, so that the same pointer can be
 * cast to the preset's {@link org.bytedeco.tensorrt.nvinfer.IProfiler} and given to {@code setProfiler}.
 */
@Platform(value = {"linux-x86_64", "linux-arm64"}, compiler = "cpp11", include = "opbench_trt.h")
public final class TrtNative {
    /** The interface version this class binds; the header's {@code opbench_trt_abi_version()}. */
    static final int ABI_VERSION = 2;

    private TrtNative() {
    }

    static native int opbench_trt_abi_version();

    static native @Cast("void*") Pointer opbench_trt_profiler_new();

    static native void opbench_trt_profiler_free(@Cast("void*") Pointer p);

    static native int opbench_trt_profiler_count(@Cast("void*") Pointer p);

    static native int opbench_trt_profiler_dropped(@Cast("void*") Pointer p);

    static native @Cast("const char*") String opbench_trt_profiler_name(@Cast("void*") Pointer p, int i);

    static native float opbench_trt_profiler_ms(@Cast("void*") Pointer p, int i);

    static native void opbench_trt_profiler_clear(@Cast("void*") Pointer p);

    static native void opbench_trt_profiler_report(@Cast("void*") Pointer p, String layerName, float ms);

    static native void opbench_trt_delete(@Cast("void*") Pointer object);

    static native @Cast("void*") Pointer opbench_trt_delete_probe_new();

    static native int opbench_trt_delete_probe_count();
}
