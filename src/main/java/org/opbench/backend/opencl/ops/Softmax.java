package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;

/** Softmax over channels ({@code softmax.cl}); no tiling variants. */
final class Softmax extends UntiledOp<SoftmaxProblem> {
    static final String FILE = "softmax.cl";

    Softmax(SoftmaxProblem p) {
        super(FILE, p);
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        var k = Programs.kernel(ctx, FILE, "softmax", variant);
        int s = Math.multiplyExact(p.ih(), p.iw());
        k.args(src, dst, p.mb(), p.ic(), s);
        return List.of(new KernelSpec(k, new long[] {s, p.mb()}));
    }

    @Override
    public String impl(Defines variant) {
        return "opbench-cl:softmax";
    }
}
