package org.opbench.backend.cudnn;

import static org.bytedeco.cuda.global.cudnn.cudnnGetCudartVersion;
import org.opbench.problem.Precision;
import static org.bytedeco.cuda.global.cudnn.cudnnGetVersion;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudnn;
import org.opbench.backend.cuda.CudaDevice;
import org.opbench.backend.cuda.CudaEnvironment;
import org.opbench.backend.cuda.CudaStatus;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.Op;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;

/**
 * NVIDIA cuDNN (conv, pool, softmax) and cuBLAS (fc) on a CUDA device, through the JavaCPP CUDA presets.
 *
 * <p>Algorithms: conv {@link ConvChoice#names()} ({@code auto} first); fc {@code sgemm}, {@code sgemm+tf32};
 * pool {@code cudnn}; softmax {@code accurate}, {@code fast}. Tuners: {@code none}, {@code find} (conv only, with
 * {@code auto}: {@code cudnnFindConvolutionForwardAlgorithm} times every algorithm and the fastest is used).
 * Options: {@code cudnn.device=N} (CUDA device ordinal, default 0). Timing is device time from CUDA events.
 */
public final class CudnnBackend implements Backend {
    public static final String NAME = "cudnn";
    static final String TUNER_NONE = "none";
    static final String TUNER_FIND = "find";
    static final String POOL_ALGORITHM = "cudnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> optionKeys() {
        return List.of("device");
    }

    @Override
    public Availability probe() {
        CudaDevice.Probe dev = CudaDevice.probeWith(0, cublas.class, cudnn.class);
        if (!dev.available()) {
            return Availability.unavailable(dev.reason());
        }
        long v = cudnnGetVersion();
        if (v / 10000 != cudnn.CUDNN_MAJOR) {
            return Availability.unavailable("cuDNN " + cudnnVersion(v) + " found, the preset needs cuDNN "
                    + cudnn.CUDNN_MAJOR + ".x (built against " + cudnnVersion(cudnn.CUDNN_VERSION) + ")");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("cudnn", cudnnVersion(v));
        details.put("cudnn_built_against", cudnnVersion(cudnn.CUDNN_VERSION));
        details.put("cudnn_cudart", CudaStatus.versionString((int) cudnnGetCudartVersion()));
        return dev.availability("cuDNN " + cudnnVersion(v), details);
    }

    /** cuDNN's integer version (major * 10000 + minor * 100 + patch) as {@code major.minor.patch}. */
    static String cudnnVersion(long v) {
        return (v / 10000) + "." + (v % 10000) / 100 + "." + v % 100;
    }

    @Override
    public List<String> algorithms(Op op) {
        return switch (op) {
            case CONV -> ConvChoice.names();
            case FC -> List.of(CublasFc.SGEMM, CublasFc.SGEMM_TF32);
            case POOL -> List.of(POOL_ALGORITHM);
            case SOFTMAX -> List.of(CudnnSoftmax.ACCURATE, CudnnSoftmax.FAST);
        };
    }

    @Override
    public List<String> tuners() {
        return List.of(TUNER_NONE, TUNER_FIND);
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        if (problem.dtype() != Precision.F32) {
            return Support.no("the cudnn backend binds f32 tensors only (CUDNN_DATA_FLOAT; half, bf16 and int8 "
                    + "tensor descriptors are not bound), not " + problem.dtype().id() + "; on f32 problems its conv "
                    + "algorithms with " + ConvChoice.TENSOR_OP + " let cuDNN use tensor-op math and fc "
                    + "sgemm+tf32 TF32");
        }
        if (variant.threads() != 1) {
            return Support.no("the cudnn backend runs on the GPU: host threads do not apply (threads=1 only)");
        }
        if (!algorithms(problem.op()).contains(variant.algorithm())) {
            return Support.no("cudnn has no " + problem.op().id() + " algorithm '" + variant.algorithm()
                    + "' (known: " + String.join(", ", algorithms(problem.op())) + ")");
        }
        if (!tuners().contains(variant.tuner())) {
            return Support.no("cudnn has no tuner '" + variant.tuner() + "' (known: none, find)");
        }
        if (variant.tuner().equals(TUNER_FIND)) {
            if (problem.op() != Op.CONV) {
                return Support.no("the find tuner (cudnnFindConvolutionForwardAlgorithm) exists for conv only");
            }
            if (!ConvChoice.parse(variant.algorithm()).auto()) {
                return Support.no("the find tuner chooses the algorithm itself: use algorithm auto or auto"
                        + ConvChoice.TENSOR_OP);
            }
        }
        try {
            device(variant);
        } catch (IllegalArgumentException e) {
            return Support.no(e.getMessage());
        }
        return Support.YES;
    }

    /** The {@code device} option. */
    static int device(Variant variant) {
        String d = variant.option("device", "0");
        try {
            int n = Integer.parseInt(d);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option cudnn.device must be a device ordinal >= 0, not '" + d + "'");
        }
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException {
        supports(problem, variant).require();
        int device = device(variant);
        if (problem instanceof ConvProblem c) {
            return CudnnConv.prepare(c, variant.algorithm(), variant.tuner().equals(TUNER_FIND), data, device);
        } else if (problem instanceof FcProblem f) {
            return CublasFc.prepare(f, variant.algorithm(), data, device);
        } else if (problem instanceof PoolProblem p) {
            return CudnnPool.prepare(p, variant.algorithm(), data, device);
        } else if (problem instanceof SoftmaxProblem x) {
            return CudnnSoftmax.prepare(x, variant.algorithm(), data, device);
        }
        throw new IllegalArgumentException("no cudnn path for " + problem.op().id());
    }

    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return CudaEnvironment.worker(cacheDir);
    }
}
