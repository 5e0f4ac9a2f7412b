package org.opbench.backend.cuda;

/**
 * The versions the JavaCPP presets on the class path were built against ({@code org.bytedeco:cuda:13.1-9.19-1.5.13},
 * {@code org.bytedeco:tensorrt:10.15-1.5.13}); a GPU machine needs these libraries (same major version, at least
 * this minor version). Kept in one place so reasons and docs/nvidia.md agree.
 */
public final class NvidiaVersions {
    /** CUDA runtime ({@code libcudart.so.13}) and cuBLAS ({@code libcublas.so.13}). */
    public static final String CUDA = "13.1";
    /** cuDNN ({@code libcudnn*.so.9}). */
    public static final String CUDNN = "9.19";
    /** TensorRT ({@code libnvinfer.so.10}, {@code libnvonnxparser.so.10}). */
    public static final String TENSORRT = "10.15";

    private NvidiaVersions() {
    }
}
