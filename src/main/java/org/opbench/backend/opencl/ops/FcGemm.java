package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.FcProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;

/**
 * Fully connected as GEMM ({@code gemm.cl}): {@code dst (N x OC) = src (N x K) * W^T (K x OC) + bias}, with the
 * weights transposed once at prepare.
 */
final class FcGemm extends WeightedOp<FcProblem> {
    FcGemm(FcProblem p) {
        super("fc_gemm", p, Gemm.FILE);
    }

    @Override
    public List<Defines> variants() {
        return Gemm.variants(p.mb(), p.oc());
    }

    @Override
    public void setup(ClContext ctx, ProblemData data) throws BackendException {
        int k = Math.toIntExact(p.inputLength());
        int oc = p.oc();
        float[] w = data.weights();
        float[] wt = new float[w.length];
        for (int o = 0; o < oc; o++) {
            for (int i = 0; i < k; i++) {
                wt[i * oc + o] = w[o * k + i];
            }
        }
        buf = ConvBuffers.upload(ctx, data, wt);
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        int k = Math.toIntExact(p.inputLength());
        return List.of(Gemm.kernel(ctx, variant, new Gemm.Args(p.mb(), p.oc(), k, 1, 1,
                buf.src(), k, 0, 0, buf.wei(), p.oc(), 0, 0, buf.dst(), p.oc(), 0, 0, buf.bias(), 2, 0)));
    }
}
