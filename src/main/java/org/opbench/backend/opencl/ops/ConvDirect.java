package org.opbench.backend.opencl.ops;

import java.util.ArrayList;
import java.util.List;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.ConvProblem;
import org.opbench.spi.BackendException;

/** Direct convolution ({@code conv_direct.cl}): any groups, strides, padding and dilation. */
final class ConvDirect extends WeightedOp<ConvProblem> {
    static final String FILE = "conv_direct.cl";
    private static final int[] OCBS = {1, 2, 4, 8};
    private static final int[] OWBS = {1, 2, 4, 8};

    ConvDirect(ConvProblem p) {
        super("conv_direct", p, FILE);
    }

    @Override
    public List<Defines> variants() {
        int ocg = p.oc() / p.g();
        List<Defines> out = new ArrayList<>();
        out.add(Defines.of("OCB", Math.min(4, Integer.highestOneBit(ocg)), "OWB", Math.min(4,
                Integer.highestOneBit(p.ow()))));
        for (int ocb : OCBS) {
            for (int owb : OWBS) {
                Defines d = Defines.of("OCB", ocb, "OWB", owb);
                if ((ocb == 1 || ocb <= ocg) && (owb == 1 || owb <= p.ow()) && !out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** The kernel-shape defines every build of this problem shares. */
    static Defines shape(ConvProblem p) {
        return Defines.of("KH", p.kh(), "KW", p.kw(), "SH", p.sh(), "SW", p.sw(), "DH", p.dh() + 1, "DW", p.dw() + 1);
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        var k = Programs.kernel(ctx, FILE, "conv_direct", shape(p).with(variant));
        k.args(buf.src(), buf.wei(), buf.bias(), buf.dst(), p.mb(), p.g(), p.ic(), p.ih(), p.iw(), p.oc(), p.oh(),
                p.ow(), p.ph(), p.pw());
        long ocBlocks = KernelSpec.ceilDiv(p.oc() / p.g(), variant.get("OCB"));
        return List.of(new KernelSpec(k, new long[] {KernelSpec.ceilDiv(p.ow(), variant.get("OWB")), p.oh(),
                (long) p.mb() * p.g() * ocBlocks}));
    }
}
