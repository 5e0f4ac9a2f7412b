package org.opbench.backend.tensorrt;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.opbench.backend.cuda.Closer;

/**
 * Loads opbench's TensorRT helper binding ({@link TrtNative}) once per process, and frees TensorRT objects through
 * it. Without the binding (no C++ compiler at build time) per-layer profiles are unavailable and TensorRT objects
 * stay allocated until the worker process exits, as they would through the preset alone.
 */
public final class TrtNatives {
    private static String loadFailure;
    private static boolean loaded;

    private TrtNatives() {
    }

    /**
     * Loads the binding.
     *
     * @return null when loaded, else why it cannot be
     */
    public static synchronized String load() {
        if (loaded) {
            return null;
        }
        if (loadFailure != null) {
            return loadFailure;
        }
        try {
            Loader.load(TrtNative.class);
            int v = TrtNative.opbench_trt_abi_version();
            if (v != TrtNative.ABI_VERSION) {
                loadFailure = "opbench's TensorRT binding is stale (interface " + v + ", this build needs "
                        + TrtNative.ABI_VERSION + "): rebuild opbench";
                return loadFailure;
            }
            loaded = true;
            return null;
        } catch (LinkageError | RuntimeException e) {
            loadFailure = "opbench's TensorRT binding (native/tensorrt, compiled into libjniTrtNative.so when a C++ "
                    + "compiler is installed at build time: apt-get install g++, then rebuild) could not be loaded: "
                    + e;
            return loadFailure;
        }
    }

    /**
     * Deletes a TensorRT object derived from {@code INoCopy} (IBuilderConfig, INetworkDefinition, IHostMemory,
     * ITimingCache, ICudaEngine, IExecutionContext, IEngineInspector, ...) as C++ {@code delete} does, and nulls the
     * Java pointer. Never pass objects TensorRT owns (optimization profiles, layers, tensors) or the ONNX parser.
     *
     * @return whether it was deleted: false for null, or when the binding is unavailable (the object then stays
     *         allocated until the process exits)
     */
    public static boolean delete(Pointer object) {
        if (object == null || object.isNull() || load() != null) {
            return false;
        }
        TrtNative.opbench_trt_delete(object);
        object.setNull();
        return true;
    }

    /** Registers {@link #delete} of {@code object} on {@code closer}; returns the object. */
    public static <T extends Pointer> T deleteOnClose(Closer closer, T object) {
        closer.onClose(() -> delete(object));
        return object;
    }
}
