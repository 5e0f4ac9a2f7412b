package org.opbench.backend.opencl.ops;

import java.util.ArrayList;
import java.util.List;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.FcProblem;
import org.opbench.spi.BackendException;

/** Fully connected as a blocked GEMV ({@code fc.cl}): reductions along the contiguous input rows. */
final class FcGemv extends WeightedOp<FcProblem> {
    static final String FILE = "fc.cl";
    private static final int[] VWS = {4, 8, 16};
    private static final int[] NBS = {1, 2, 4};
    private static final int[] OCBS = {1, 2, 4, 8};

    FcGemv(FcProblem p) {
        super("fc_gemv", p, FILE);
    }

    @Override
    public List<Defines> variants() {
        List<Defines> out = new ArrayList<>();
        out.add(Defines.of("VW", 8, "NB", Math.min(4, Integer.highestOneBit(p.mb())), "OCB", 4));
        for (int vw : VWS) {
            for (int nb : NBS) {
                for (int ocb : OCBS) {
                    Defines d = Defines.of("VW", vw, "NB", nb, "OCB", ocb);
                    if ((nb == 1 || nb <= p.mb()) && (ocb == 1 || ocb <= p.oc()) && nb * ocb <= 16
                            && !out.contains(d)) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        var k = Programs.kernel(ctx, FILE, "fc_gemv", variant);
        k.args(buf.src(), buf.wei(), buf.bias(), buf.dst(), p.mb(), p.oc(), Math.toIntExact(p.inputLength()));
        return List.of(new KernelSpec(k, new long[] {KernelSpec.ceilDiv(p.oc(), variant.get("OCB")),
                KernelSpec.ceilDiv(p.mb(), variant.get("NB"))}));
    }
}
