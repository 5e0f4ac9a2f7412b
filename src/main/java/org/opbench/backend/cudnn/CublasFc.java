package org.opbench.backend.cudnn;

import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.opbench.backend.cuda.CudaStatus;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.problem.FcProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/**
 * Fully connected as one {@code cublasSgemm} ({@link CudnnShapes#fc}): the output is first set to the bias
 * (a device-to-device copy of the bias repeated per row, prepared once) and the product is accumulated onto it
 * with beta = 1; both steps are timed. {@code sgemm} uses {@code CUBLAS_DEFAULT_MATH} (fp32),
 * {@code sgemm+tf32} {@code CUBLAS_TF32_TENSOR_OP_MATH}.
 */
final class CublasFc extends CudnnOp {
    static final String SGEMM = "sgemm";
    static final String SGEMM_TF32 = "sgemm+tf32";

    private final CudnnShapes.Gemm gemm;
    private final DeviceBuffer x;
    private final DeviceBuffer w;
    private final DeviceBuffer biasRows;
    private final DeviceBuffer y;

    private CublasFc(CudnnSession s, CudnnShapes.Gemm gemm, DeviceBuffer x, DeviceBuffer w, DeviceBuffer biasRows,
                     DeviceBuffer y, int outElements, Execution execution, Map<String, Object> details) {
        super(s, y, outElements, execution, details);
        this.gemm = gemm;
        this.x = x;
        this.w = w;
        this.biasRows = biasRows;
        this.y = y;
    }

    /** The bias repeated for every row of the N x OC output. Pure. */
    static float[] biasRows(float[] bias, int rows) {
        float[] r = new float[bias.length * rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(bias, 0, r, i * bias.length, bias.length);
        }
        return r;
    }

    static CublasFc prepare(FcProblem problem, String algorithm, ProblemData data, int device) throws BackendException {
        boolean tf32 = SGEMM_TF32.equals(algorithm);
        int math = tf32 ? cublas.CUBLAS_TF32_TENSOR_OP_MATH : cublas.CUBLAS_DEFAULT_MATH;
        return CudnnSession.prepare(device, math, (s, closer) -> {
            CudnnShapes.Gemm g = CudnnShapes.fc(problem);
            long[] h2d = {0};
            DeviceBuffer x = CudnnOp.upload(s, data.src(), h2d);
            DeviceBuffer w = CudnnOp.upload(s, data.weights(), h2d);
            DeviceBuffer b = CudnnOp.upload(s, biasRows(data.bias(), problem.mb()), h2d);
            DeviceBuffer y = closer.add(DeviceBuffer.floats((long) problem.mb() * problem.oc()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("gemm", "m=" + g.m() + " n=" + g.n() + " k=" + g.k() + " op_a=" + (g.transA() ? "T" : "N")
                    + " op_b=" + (g.transB() ? "T" : "N"));
            details.put("math_mode", tf32 ? "CUBLAS_TF32_TENSOR_OP_MATH" : "CUBLAS_DEFAULT_MATH");
            String impl = "cublas:sgemm_" + (g.transA() ? "t" : "n") + (g.transB() ? "t" : "n") + ":" + (tf32 ? "tf32" : "fp32");
            Execution execution = new Execution(algorithm, impl, tf32 ? Numerics.TF32 : Numerics.F32, Transform.NONE);
            CublasFc op = new CublasFc(s, g, x, w, b, y, problem.mb() * problem.oc(), execution, details);
            return s.trial(op, details, h2d[0]);
        });
    }

    @Override
    void enqueue() throws BackendException {
        int rc = cudaMemcpyAsync(y.pointer(), biasRows.pointer(), biasRows.bytes(), cudart.cudaMemcpyDeviceToDevice,
                session.stream.handle());
        if (rc != 0) {
            CudaStatus.check(rc, "cudaMemcpyAsync (bias)");
        }
        rc = cublasSgemm_v2(session.cublas, gemm.transA() ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N,
                gemm.transB() ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N, gemm.m(), gemm.n(), gemm.k(), session.one,
                w.pointer(), gemm.lda(), x.pointer(), gemm.ldb(), session.one, y.pointer(), gemm.ldc());
        if (rc != 0) {
            CudnnStatus.checkCublas(rc, "cublasSgemm");
        }
    }
}
