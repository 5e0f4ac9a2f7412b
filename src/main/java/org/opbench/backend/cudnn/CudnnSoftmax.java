package org.opbench.backend.cudnn;

import static org.bytedeco.cuda.global.cudnn.cudnnSoftmaxForward;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.cuda.global.cudnn;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Transform;

/**
 * Softmax over channels with {@code cudnnSoftmaxForward(..., CUDNN_SOFTMAX_MODE_CHANNEL, ...)}: algorithm
 * {@code accurate} subtracts the maximum first ({@code CUDNN_SOFTMAX_ACCURATE}), {@code fast} does not
 * ({@code CUDNN_SOFTMAX_FAST}; fine for opbench's inputs in [-1, 1)).
 */
final class CudnnSoftmax extends CudnnOp {
    static final String ACCURATE = "accurate";
    static final String FAST = "fast";

    private final int algorithm;
    private final cudnnTensorStruct desc;
    private final DeviceBuffer x;
    private final DeviceBuffer y;

    private CudnnSoftmax(CudnnSession s, int algorithm, cudnnTensorStruct desc, DeviceBuffer x, DeviceBuffer y,
                         int outElements, Execution execution, Map<String, Object> details) {
        super(s, y, outElements, execution, details);
        this.algorithm = algorithm;
        this.desc = desc;
        this.x = x;
        this.y = y;
    }

    static int algorithmOf(String name) {
        return FAST.equals(name) ? cudnn.CUDNN_SOFTMAX_FAST : cudnn.CUDNN_SOFTMAX_ACCURATE;
    }

    static CudnnSoftmax prepare(SoftmaxProblem problem, String algorithmName, ProblemData data, int device)
            throws BackendException {
        return CudnnSession.prepare(device, -1, (s, closer) -> {
            CudnnShapes.Tensor4d t = CudnnShapes.softmax(problem);
            cudnnTensorStruct d = Descriptors.tensor(closer, t);
            long[] h2d = {0};
            DeviceBuffer x = CudnnOp.upload(s, data.src(), h2d);
            DeviceBuffer y = closer.add(DeviceBuffer.floats(t.elements()));
            Map<String, Object> details = new LinkedHashMap<>();
            String impl = "cudnn:softmax_" + (FAST.equals(algorithmName) ? FAST : ACCURATE) + ":channel";
            CudnnSoftmax op = new CudnnSoftmax(s, algorithmOf(algorithmName), d, x, y, Math.toIntExact(t.elements()),
                    Execution.f32(algorithmName, impl, Transform.NONE), details);
            return s.trial(op, details, h2d[0]);
        });
    }

    @Override
    void enqueue() throws BackendException {
        int rc = cudnnSoftmaxForward(session.cudnn, algorithm, cudnn.CUDNN_SOFTMAX_MODE_CHANNEL, session.one, desc,
                x.pointer(), session.zero, desc, y.pointer());
        if (rc != 0) {
            CudnnStatus.check(rc, "cudnnSoftmaxForward");
        }
    }
}
