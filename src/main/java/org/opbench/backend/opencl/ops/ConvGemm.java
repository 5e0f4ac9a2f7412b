package org.opbench.backend.opencl.ops;

import java.util.ArrayList;
import java.util.List;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;

/**
 * Convolution as GEMM: per image and group, {@code out (OCG x OH*OW) = W (OCG x ICG*KH*KW) * col}, where
 * {@code col} is the im2col matrix ({@code im2col.cl}); a 1x1, stride-1, unpadded convolution uses the source
 * itself as {@code col}. All images and groups run as one batched GEMM ({@code gemm.cl}).
 */
final class ConvGemm extends WeightedOp<ConvProblem> {
    static final String IM2COL = "im2col.cl";

    private final boolean pointwise;
    private ClBuffer col;

    ConvGemm(ConvProblem p) {
        this(p, p.kh() == 1 && p.kw() == 1 && p.sh() == 1 && p.sw() == 1 && p.ph() == 0 && p.pw() == 0);
    }

    private ConvGemm(ConvProblem p, boolean pointwise) {
        super(pointwise ? "gemm" : "im2col+gemm", p,
                pointwise ? new String[] {Gemm.FILE} : new String[] {IM2COL, Gemm.FILE});
        this.pointwise = pointwise;
    }

    private int rowsPerGroup() {
        return p.ic() / p.g() * p.kh() * p.kw();
    }

    private int pixels() {
        return p.oh() * p.ow();
    }

    @Override
    public List<Defines> variants() {
        return Gemm.variants(p.oc() / p.g(), pixels());
    }

    @Override
    public void setup(ClContext ctx, ProblemData data) throws BackendException {
        super.setup(ctx, data);
        if (!pointwise) {
            col = ctx.zeros(Math.multiplyExact((long) p.mb() * p.ic() * p.kh() * p.kw(), (long) pixels()));
        }
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        List<KernelSpec> out = new ArrayList<>(2);
        int pix = pixels();
        int kg = rowsPerGroup();
        int ocg = p.oc() / p.g();
        ClBuffer b = pointwise ? buf.src() : col;
        if (!pointwise) {
            var k = Programs.kernel(ctx, IM2COL, "im2col", Defines.NONE);
            k.args(buf.src(), col, p.ic(), p.ih(), p.iw(), p.oh(), p.ow(), p.kh(), p.kw(), p.sh(), p.sw(), p.ph(),
                    p.pw(), p.dh() + 1, p.dw() + 1, p.mb());
            out.add(new KernelSpec(k, new long[] {pix, (long) p.ic() * p.kh() * p.kw(), p.mb()}));
        }
        int bOuter = Math.toIntExact((long) p.g() * kg * pix);
        out.add(Gemm.kernel(ctx, variant, new Gemm.Args(ocg, pix, kg, p.mb() * p.g(), p.g(),
                buf.wei(), kg, 0, ocg * kg,
                b, pix, bOuter, Math.toIntExact((long) kg * pix),
                buf.dst(), pix, Math.toIntExact((long) p.oc() * pix), Math.toIntExact((long) ocg * pix),
                buf.bias(), 1, ocg)));
        return out;
    }
}
