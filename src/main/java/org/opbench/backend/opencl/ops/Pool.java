package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.PoolProblem;
import org.opbench.spi.BackendException;

/** Max / average pooling ({@code pool.cl}), incl. ceil-mode output sizes; no tiling variants. */
final class Pool extends UntiledOp<PoolProblem> {
    static final String FILE = "pool.cl";

    Pool(PoolProblem p) {
        super(FILE, p);
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        int alg = switch (p.alg()) {
            case MAX -> 0;
            case AVG_NP -> 1;
            case AVG_P -> 2;
        };
        var k = Programs.kernel(ctx, FILE, "pool", variant);
        int nc = Math.multiplyExact(p.mb(), p.ic());
        k.args(src, dst, alg, nc, p.ih(), p.iw(), p.oh(), p.ow(), p.kh(), p.kw(), p.sh(), p.sw(), p.ph(), p.pw());
        return List.of(new KernelSpec(k, new long[] {p.ow(), p.oh(), nc}));
    }

    @Override
    public String impl(Defines variant) {
        return "opbench-cl:pool_" + p.alg().id();
    }
}
