package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;

/** Softmax over channels ({@code softmax.cl}); no tiling variants. */
final class Softmax implements ClOperator {
    static final String FILE = "softmax.cl";

    private final SoftmaxProblem p;
    private ClBuffer src;
    private ClBuffer dst;

    Softmax(SoftmaxProblem p) {
        this.p = p;
    }

    @Override
    public List<String> sources() {
        return List.of(FILE);
    }

    @Override
    public List<Defines> variants() {
        return List.of(Defines.NONE);
    }

    @Override
    public void setup(ClContext ctx, ProblemData data) throws BackendException {
        src = ctx.upload(data.src());
        dst = ctx.zeros(p.dstElements());
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        var k = Programs.kernel(ctx, FILE, "softmax", variant);
        int s = Math.multiplyExact(p.ih(), p.iw());
        k.args(src, dst, p.mb(), p.ic(), s);
        return List.of(new KernelSpec(k, new long[] {s, p.mb()}));
    }

    @Override
    public ClBuffer output() {
        return dst;
    }

    @Override
    public String impl(Defines variant) {
        return "opbench-cl:softmax";
    }
}
