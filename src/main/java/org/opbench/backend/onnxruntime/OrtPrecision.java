package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OrtProvider;
import org.opbench.problem.DataType;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/**
 * What an fp32 ONNX model runs as on an execution provider registered by {@link OrtSessionOptions}, from the
 * provider and the options opbench sets on it (none beyond the defaults, except fast math on ACL). Shared by the
 * operator and network backends.
 */
public final class OrtPrecision {
    private OrtPrecision() {
    }

    /**
     * The CPU provider (MLAS) computes fp32 convolutions directly, by im2col + SGEMM or NCHWc kernels, and has no
     * Winograd or FFT path. The other providers hand the graph to a library that picks its kernels itself without
     * reporting them ({@link Transform#UNREPORTED}), in the narrowest formats their defaults allow: TF32 on CUDA
     * (ORT's {@code use_tf32} defaults on) and TensorRT (its TF32 builder flag defaults on), bf16 on ACL with fast
     * math, fp16 on Core ML (the Neural Engine computes in fp16), fp32 elsewhere.
     */
    public static Numerics numerics(OrtProvider provider) {
        return switch (provider) {
            case CUDA, TENSOR_RT -> Numerics.TF32;
            case ACL -> new Numerics(DataType.F32, DataType.BF16, DataType.F32);
            case CORE_ML -> Numerics.F16;
            default -> Numerics.F32;
        };
    }

    public static Transform transform(OrtProvider provider) {
        return provider == OrtProvider.CPU ? Transform.NONE : Transform.UNREPORTED;
    }

    public static Execution execution(OrtProvider provider, String algorithm, String impl) {
        return new Execution(algorithm, impl, numerics(provider), transform(provider));
    }
}
