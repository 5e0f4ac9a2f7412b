package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Transform;

/**
 * Winograd F(2x2, 3x3) ({@code winograd.cl}): filter transform once at prepare; per repetition the input
 * transform, 16 GEMMs {@code M[t] = U[t] (OC x IC) * V[t] (IC x tiles)} as one batched {@code gemm.cl} launch,
 * and the output transform.
 */
final class ConvWinograd extends WeightedOp<ConvProblem> {
    static final String FILE = "winograd.cl";

    private final int th;
    private final int tw;
    private final int tiles;
    private ClBuffer u;
    private ClBuffer v;
    private ClBuffer m;

    ConvWinograd(ConvProblem p) {
        super("winograd_f2x2_3x3", p, FILE, Gemm.FILE);
        this.th = (p.oh() + 1) / 2;
        this.tw = (p.ow() + 1) / 2;
        this.tiles = Math.toIntExact((long) p.mb() * th * tw);
    }

    /** Why Winograd F(2x2,3x3) cannot run {@code p}, or null. */
    static String unsupported(ConvProblem p) {
        if (p.kh() != 3 || p.kw() != 3) {
            return "winograd F(2x2,3x3) needs a 3x3 kernel (got " + p.kh() + "x" + p.kw() + ")";
        }
        if (p.sh() != 1 || p.sw() != 1) {
            return "winograd F(2x2,3x3) needs stride 1 (got " + p.sh() + "x" + p.sw() + ")";
        }
        if (p.g() != 1) {
            return "winograd F(2x2,3x3) is implemented for groups = 1 only (got g" + p.g() + ")";
        }
        if (p.dh() != 0 || p.dw() != 0) {
            return "winograd F(2x2,3x3) does not support dilation (got dh" + p.dh() + " dw" + p.dw() + ")";
        }
        return null;
    }

    @Override
    public List<Defines> variants() {
        return Gemm.variants(p.oc(), tiles);
    }

    @Override
    public Transform transform() {
        return Transform.WINOGRAD;
    }

    @Override
    public void setup(ClContext ctx, ProblemData data) throws BackendException {
        super.setup(ctx, data);
        u = ctx.zeros(16L * p.oc() * p.ic());
        v = ctx.zeros(16L * p.ic() * tiles);
        m = ctx.zeros(16L * p.oc() * tiles);
        var k = Programs.kernel(ctx, FILE, "wino_filter", Defines.NONE);
        k.args(buf.wei(), u, p.oc(), p.ic());
        try (var once = ctx.launch(k, new long[] {p.ic(), p.oc()}, null)) {
            ctx.runOnce(once);
        }
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        var in = Programs.kernel(ctx, FILE, "wino_input", Defines.NONE);
        in.args(buf.src(), v, p.mb(), p.ic(), p.ih(), p.iw(), th, tw, p.ph(), p.pw());
        KernelSpec gemm = Gemm.kernel(ctx, variant, new Gemm.Args(p.oc(), tiles, p.ic(), 16, 1,
                u, p.ic(), Math.toIntExact((long) p.oc() * p.ic()), 0,
                v, tiles, Math.toIntExact((long) p.ic() * tiles), 0,
                m, tiles, Math.toIntExact((long) p.oc() * tiles), 0,
                buf.bias(), 0, 0));
        var out = Programs.kernel(ctx, FILE, "wino_output", Defines.NONE);
        out.args(m, buf.bias(), buf.dst(), p.mb(), p.oc(), p.oh(), p.ow(), th, tw);
        return List.of(new KernelSpec(in, new long[] {tiles, p.ic()}), gemm,
                new KernelSpec(out, new long[] {tiles, p.oc()}));
    }
}
