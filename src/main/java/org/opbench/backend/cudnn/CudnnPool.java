package org.opbench.backend.cudnn;

import static org.bytedeco.cuda.global.cudnn.cudnnGetPooling2dForwardOutputDim;
import static org.bytedeco.cuda.global.cudnn.cudnnPoolingForward;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.cuda.cudnn.cudnnPoolingStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Transform;

/**
 * Max and average pooling with {@code cudnnPoolingForward}. avg_np maps to
 * {@code CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING}, avg_p to {@code _INCLUDE_PADDING}. A ceil-mode problem
 * (Caffe's pools) passes its larger output size as the output descriptor; cuDNN's pooling descriptor itself only
 * knows symmetric padding and the floor size. If cuDNN refuses that output descriptor the point is unsupported
 * (with cuDNN's status); if it accepts it, the result is checked against the reference like any other.
 */
final class CudnnPool extends CudnnOp {
    private final cudnnPoolingStruct poolDesc;
    private final cudnnTensorStruct xDesc;
    private final cudnnTensorStruct yDesc;
    private final DeviceBuffer x;
    private final DeviceBuffer y;

    private CudnnPool(CudnnSession s, cudnnPoolingStruct poolDesc, cudnnTensorStruct xDesc, cudnnTensorStruct yDesc,
                      DeviceBuffer x, DeviceBuffer y, int outElements, Execution execution, Map<String, Object> details) {
        super(s, y, outElements, execution, details);
        this.poolDesc = poolDesc;
        this.xDesc = xDesc;
        this.yDesc = yDesc;
        this.x = x;
        this.y = y;
    }

    static CudnnPool prepare(PoolProblem problem, String algorithm, ProblemData data, int device)
            throws BackendException {
        return CudnnSession.prepare(device, -1, (s, closer) -> {
            CudnnShapes.PoolGeometry g = CudnnShapes.pool(problem);
            cudnnPoolingStruct pd = Descriptors.pool(closer, g);
            cudnnTensorStruct xd = Descriptors.tensor(closer, g.src());
            cudnnTensorStruct yd = Descriptors.tensor(closer, g.dst());
            int[] n = new int[1];
            int[] c = new int[1];
            int[] h = new int[1];
            int[] w = new int[1];
            CudnnStatus.check(cudnnGetPooling2dForwardOutputDim(pd, xd, n, c, h, w), "cudnnGetPooling2dForwardOutputDim");
            if (h[0] != g.floorOutH() || w[0] != g.floorOutW()) {
                throw new BackendException("cuDNN computes pooling output " + h[0] + "x" + w[0] + ", opbench's floor size is "
                        + g.floorOutH() + "x" + g.floorOutW());
            }
            long[] h2d = {0};
            DeviceBuffer x = CudnnOp.upload(s, data.src(), h2d);
            DeviceBuffer y = closer.add(DeviceBuffer.floats(g.dst().elements()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("pooling_mode", modeName(g.mode()));
            details.put("ceil_mode", g.ceilMode());
            String impl = "cudnn:pooling_" + modeName(g.mode()) + (g.ceilMode() ? ":explicit_ceil_output" : "");
            CudnnPool op = new CudnnPool(s, pd, xd, yd, x, y, Math.toIntExact(g.dst().elements()),
                    Execution.f32(algorithm, impl, Transform.NONE), details);
            if (g.ceilMode()) {
                int rc = cudnnPoolingForward(s.cudnn, pd, s.one, xd, x.pointer(), s.zero, yd, y.pointer());
                CudnnStatus.checkAccepts(rc, "cudnnPoolingForward", "cuDNN does not accept the ceil-mode output size "
                        + g.dst().h() + "x" + g.dst().w() + " (its formula gives " + g.floorOutH() + "x" + g.floorOutW() + ")");
            } else {
                op.enqueue();
            }
            return s.prepared(op, details, h2d[0]);
        });
    }

    static String modeName(int mode) {
        return switch (mode) {
            case org.bytedeco.cuda.global.cudnn.CUDNN_POOLING_MAX -> "max";
            case org.bytedeco.cuda.global.cudnn.CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING -> "avg_exclude_padding";
            case org.bytedeco.cuda.global.cudnn.CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING -> "avg_include_padding";
            default -> "mode" + mode;
        };
    }

    @Override
    void enqueue() throws BackendException {
        int rc = cudnnPoolingForward(session.cudnn, poolDesc, session.one, xDesc, x.pointer(), session.zero, yDesc,
                y.pointer());
        if (rc != 0) {
            CudnnStatus.check(rc, "cudnnPoolingForward");
        }
    }
}
