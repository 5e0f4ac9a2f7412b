package org.opbench.backend.cudnn;

import static org.bytedeco.cuda.global.cudnn.cudnnAddTensor;
import static org.bytedeco.cuda.global.cudnn.cudnnConvolutionForward;
import static org.bytedeco.cuda.global.cudnn.cudnnFindConvolutionForwardAlgorithm;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolution2dForwardOutputDim;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionForwardAlgorithmMaxCount;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionForwardAlgorithm_v7;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionForwardWorkspaceSize;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolutionMathType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.javacpp.SizeTPointer;
import org.opbench.backend.cuda.DeviceBuffer;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.UnsupportedException;

/**
 * Convolution with bias: {@code cudnnConvolutionForward} with the chosen algorithm, then {@code cudnnAddTensor}
 * for the bias, both inside the timed region. The algorithm is the one named, or for {@code auto} the first
 * supported answer of {@code cudnnGetConvolutionForwardAlgorithm_v7}, or with the {@code find} tuner the fastest
 * one {@code cudnnFindConvolutionForwardAlgorithm} measured.
 */
final class CudnnConv extends CudnnOp {
    private final cudnnTensorStruct xDesc;
    private final cudnnFilterStruct wDesc;
    private final cudnnConvolutionStruct convDesc;
    private final cudnnTensorStruct yDesc;
    private final cudnnTensorStruct biasDesc;
    private final DeviceBuffer x;
    private final DeviceBuffer w;
    private final DeviceBuffer bias;
    private final DeviceBuffer y;
    private final DeviceBuffer workspace;
    private final int algo;

    private CudnnConv(CudnnSession s, Parts p, Execution execution, Map<String, Object> details) {
        super(s, p.y, Math.toIntExact(p.geometry.dst().elements()), execution, details);
        this.xDesc = p.xDesc;
        this.wDesc = p.wDesc;
        this.convDesc = p.convDesc;
        this.yDesc = p.yDesc;
        this.biasDesc = p.biasDesc;
        this.x = p.x;
        this.w = p.w;
        this.bias = p.bias;
        this.y = p.y;
        this.workspace = p.workspace;
        this.algo = p.algo;
    }

    /** Everything prepare builds, gathered before the op is constructed. */
    private static final class Parts {
        CudnnShapes.ConvGeometry geometry;
        cudnnTensorStruct xDesc;
        cudnnFilterStruct wDesc;
        cudnnConvolutionStruct convDesc;
        cudnnTensorStruct yDesc;
        cudnnTensorStruct biasDesc;
        DeviceBuffer x;
        DeviceBuffer w;
        DeviceBuffer bias;
        DeviceBuffer y;
        DeviceBuffer workspace;
        int algo;
        int math;
    }

    static CudnnConv prepare(ConvProblem problem, String algorithm, boolean find, ProblemData data, int device)
            throws BackendException {
        ConvChoice choice = ConvChoice.parse(algorithm);
        if (!problem.symmetricPadding()) {
            throw new UnsupportedException("cuDNN convolution pads both sides of an axis alike (cudnnSetConvolution"
                    + "2dDescriptor takes one pad_h and one pad_w); this problem pads top/bottom " + problem.ph() + "/"
                    + problem.padBottom() + ", left/right " + problem.pw() + "/" + problem.padRight());
        }
        return CudnnSession.prepare(device, -1, (s, closer) -> {
            Parts p = new Parts();
            p.geometry = CudnnShapes.conv(problem);
            p.xDesc = Descriptors.tensor(closer, p.geometry.src());
            p.wDesc = Descriptors.filter(closer, p.geometry.filter());
            p.yDesc = Descriptors.tensor(closer, p.geometry.dst());
            p.biasDesc = Descriptors.tensor(closer, p.geometry.bias());
            p.convDesc = Descriptors.conv(closer, p.geometry, choice.mathType());
            checkOutputDims(p);

            long[] h2d = {0};
            p.x = CudnnOp.upload(s, data.src(), h2d);
            p.w = CudnnOp.upload(s, data.weights(), h2d);
            p.bias = CudnnOp.upload(s, data.bias(), h2d);
            p.y = closer.add(DeviceBuffer.floats(p.geometry.dst().elements()));

            Map<String, Object> details = new LinkedHashMap<>();
            String how;
            if (find) {
                select(s, p, details, true, choice.tensorOp());
                how = "find";
            } else if (choice.auto()) {
                select(s, p, details, false, choice.tensorOp());
                how = "heuristic";
            } else {
                p.algo = choice.algo();
                p.math = choice.mathType();
                how = "named";
            }
            long wsBytes;
            try (SizeTPointer size = new SizeTPointer(1)) {
                CudnnStatus.check(cudnnGetConvolutionForwardWorkspaceSize(s.cudnn, p.xDesc, p.wDesc, p.convDesc,
                        p.yDesc, p.algo, size), "cudnnGetConvolutionForwardWorkspaceSize("
                        + ConvChoice.algoName(p.algo) + ")");
                wsBytes = size.get();
            }
            p.workspace = closer.add(DeviceBuffer.bytes(wsBytes));
            details.put("algorithm_choice", how);
            details.put("cudnn_algo", ConvChoice.algoName(p.algo));
            details.put("math_type", ConvChoice.mathName(p.math));
            details.put("workspace_bytes", wsBytes);
            details.put("groups", p.geometry.groups());

            String impl = "cudnn:" + ConvChoice.algoName(p.algo) + ":" + ConvChoice.mathName(p.math);
            CudnnConv op = new CudnnConv(s, p, new Execution(algorithm, impl, ConvChoice.numerics(p.math),
                    ConvChoice.transform(p.algo)), details);
            return s.trial(op, details, h2d[0]);
        });
    }

    private static void checkOutputDims(Parts p) throws BackendException {
        int[] n = new int[1];
        int[] c = new int[1];
        int[] h = new int[1];
        int[] w = new int[1];
        CudnnStatus.check(cudnnGetConvolution2dForwardOutputDim(p.convDesc, p.xDesc, p.wDesc, n, c, h, w),
                "cudnnGetConvolution2dForwardOutputDim");
        CudnnShapes.Tensor4d want = p.geometry.dst();
        if (n[0] != want.n() || c[0] != want.c() || h[0] != want.h() || w[0] != want.w()) {
            throw new BackendException("cuDNN computes output " + n[0] + "x" + c[0] + "x" + h[0] + "x" + w[0]
                    + " for a problem whose output is " + want);
        }
    }

    /**
     * Chooses the algorithm with cuDNN's heuristics ({@code find == false}) or by cuDNN timing every algorithm
     * ({@code find == true}). cuDNN lists each algorithm once per math type it has (tensor-op and default math,
     * whatever the descriptor says), so the results are filtered by the math the variant asks for
     * ({@link #choose}) and the descriptor gets the math to run ({@link #mathToRun}). Every result is recorded in
     * details.
     */
    private static void select(CudnnSession s, Parts p, Map<String, Object> details, boolean find, boolean tensorOp)
            throws BackendException {
        int[] max = new int[1];
        CudnnStatus.check(cudnnGetConvolutionForwardAlgorithmMaxCount(s.cudnn, max),
                "cudnnGetConvolutionForwardAlgorithmMaxCount");
        int count = Math.max(max[0], cudnn.CUDNN_CONVOLUTION_FWD_ALGO_COUNT);
        int[] returned = new int[1];
        try (cudnnConvolutionFwdAlgoPerf_t perf = new cudnnConvolutionFwdAlgoPerf_t(count)) {
            String call = find ? "cudnnFindConvolutionForwardAlgorithm" : "cudnnGetConvolutionForwardAlgorithm_v7";
            int rc = find
                    ? cudnnFindConvolutionForwardAlgorithm(s.cudnn, p.xDesc, p.wDesc, p.convDesc, p.yDesc, count,
                            returned, perf)
                    : cudnnGetConvolutionForwardAlgorithm_v7(s.cudnn, p.xDesc, p.wDesc, p.convDesc, p.yDesc, count,
                            returned, perf);
            CudnnStatus.check(rc, call);
            List<Map<String, Object>> results = new ArrayList<>();
            int[] maths = new int[returned[0]];
            int[] statuses = new int[returned[0]];
            for (int i = 0; i < returned[0]; i++) {
                cudnnConvolutionFwdAlgoPerf_t r = perf.getPointer(i);
                maths[i] = r.mathType();
                statuses[i] = r.status();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("algo", ConvChoice.algoName(r.algo()));
                m.put("math", ConvChoice.mathName(r.mathType()));
                m.put("status", r.status());
                if (find) {
                    m.put("time_ms", (double) r.time());
                }
                m.put("workspace_bytes", r.memory());
                results.add(m);
            }
            details.put(find ? "find_results" : "heuristic_results", results);
            int chosen = choose(maths, statuses, tensorOp);
            if (chosen < 0) {
                throw new UnsupportedException(call + " returned no algorithm with status success and "
                        + (tensorOp ? "tensor-op or default" : "default or FMA") + " math for this problem");
            }
            cudnnConvolutionFwdAlgoPerf_t r = perf.getPointer(chosen);
            p.algo = r.algo();
            p.math = mathToRun(r.mathType(), tensorOp);
            details.put("chosen_result", chosen);
        }
        CudnnStatus.check(cudnnSetConvolutionMathType(p.convDesc, p.math), "cudnnSetConvolutionMathType");
    }

    /**
     * Index of the first result with status success whose math type the variant accepts, or -1. Plain (fp32)
     * variants take default- or FMA-math results (cuDNN lists an algorithm's non-tensor-core version under default
     * math) and never a tensor-op one; {@code +tensor_op} variants take tensor-op results first and fall back to
     * the first default-math one (algorithms without a tensor-op version are listed only so).
     */
    static int choose(int[] maths, int[] statuses, boolean tensorOp) {
        int fallback = -1;
        for (int i = 0; i < maths.length; i++) {
            if (statuses[i] != cudnn.CUDNN_STATUS_SUCCESS) {
                continue;
            }
            boolean tc = maths[i] == cudnn.CUDNN_TENSOR_OP_MATH
                    || maths[i] == cudnn.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
            if (tensorOp && tc) {
                return i;
            }
            if (!tensorOp && !tc) {
                return i;
            }
            if (tensorOp && fallback < 0 && maths[i] == cudnn.CUDNN_DEFAULT_MATH) {
                fallback = i;
            }
        }
        return fallback;
    }

    /**
     * The math type set on the descriptor for a chosen result: plain variants always run with
     * {@code CUDNN_FMA_MATH} (default math would let cuDNN use TF32 kernels on fp32 data from Ampere on);
     * {@code +tensor_op} variants run the result's own math.
     */
    static int mathToRun(int resultMath, boolean tensorOp) {
        return tensorOp ? resultMath : cudnn.CUDNN_FMA_MATH;
    }

    @Override
    void enqueue() throws BackendException {
        int rc = cudnnConvolutionForward(session.cudnn, session.one, xDesc, x.pointer(), wDesc, w.pointer(), convDesc,
                algo, workspace.pointer(), workspace.bytes(), session.zero, yDesc, y.pointer());
        if (rc != 0) {
            CudnnStatus.check(rc, "cudnnConvolutionForward(" + ConvChoice.algoName(algo) + ")");
        }
        rc = cudnnAddTensor(session.cudnn, session.one, biasDesc, bias.pointer(), session.one, yDesc, y.pointer());
        if (rc != 0) {
            CudnnStatus.check(rc, "cudnnAddTensor (bias)");
        }
    }
}
