package org.opbench.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Loader failures as the JavaCPP presets raise them (messages as observed on a machine without the driver). */
class MissingLibraryTest {

    private static UnsatisfiedLinkError presetFailure(String jni, String missing) {
        UnsatisfiedLinkError top = new UnsatisfiedLinkError("no " + jni + " in java.library.path: /usr/lib");
        top.initCause(new UnsatisfiedLinkError("/root/.javacpp/cache/cuda-13.1-9.19-1.5.13-linux-x86_64.jar/org/bytedeco/"
                + "cuda/linux-x86_64/lib" + jni + ".so: " + missing + ": cannot open shared object file: No such file or directory"));
        return top;
    }

    @Test
    void missingDriverIsNamedAsSuch() {
        assertEquals("no NVIDIA driver: libcuda.so.1 not found", MissingLibrary.reason(presetFailure("jnicudart", "libcuda.so.1")));
        assertEquals("libcuda.so.1", MissingLibrary.missingObject(presetFailure("jnicudart", "libcuda.so.1")));
    }

    @Test
    void missingCudnnNamesTheLibraryAndTheVersionNeeded() {
        String r = MissingLibrary.reason(presetFailure("jnicudnn", "libcudnn_cnn.so.9"));
        assertTrue(r.startsWith("cuDNN library not found: libcudnn_cnn.so.9"), r);
        assertTrue(r.contains("9.19"), r);
    }

    @Test
    void missingRuntimeCublasAndTensorRtAreNamed() {
        assertTrue(MissingLibrary.reason(presetFailure("jnicudart", "libcudart.so.13")).startsWith("CUDA runtime not found: libcudart.so.13"));
        assertTrue(MissingLibrary.reason(presetFailure("jnicublas", "libcublasLt.so.13")).startsWith("cuBLAS library not found: libcublasLt.so.13"));
        String trt = MissingLibrary.reason(presetFailure("jninvinfer", "libnvinfer.so.10"));
        assertTrue(trt.startsWith("TensorRT library not found: libnvinfer.so.10"), trt);
        assertTrue(trt.contains("10.15"), trt);
        assertTrue(MissingLibrary.reason(presetFailure("jninvonnxparser", "libnvonnxparser.so.10"))
                .startsWith("TensorRT library not found: libnvonnxparser.so.10"));
        assertEquals("native library not found: libfoo.so.2", MissingLibrary.reason(presetFailure("jnifoo", "libfoo.so.2")));
    }

    @Test
    void aLaterBareNoClassDefFoundErrorStillGivesAReason() {
        NoClassDefFoundError e = new NoClassDefFoundError("Could not initialize class org.bytedeco.cuda.global.cudart");
        assertNull(MissingLibrary.missingObject(e));
        String r = MissingLibrary.reason(e);
        assertTrue(r.startsWith("native library failed to load: "), r);
        assertTrue(r.contains("org.bytedeco.cuda.global.cudart"), r);
        assertFalse(r.contains("\n"));
    }
}
