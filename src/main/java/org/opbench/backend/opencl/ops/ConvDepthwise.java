package org.opbench.backend.opencl.ops;

import java.util.ArrayList;
import java.util.List;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.ConvProblem;
import org.opbench.spi.BackendException;

/**
 * Depthwise convolution ({@code depthwise.cl}), only for {@code g == ic == oc}. Two kernels: {@code depthwise_rows}
 * (whole output rows per work-item, a branch-free interior loop the driver can vectorise; the default) and
 * {@code depthwise} (OHB x OWB output blocks per work-item, explicit vectors for stride 1), both in the tuner's
 * variant list. Measured on PoCL 3.1 (2-core EPYC, tuner none, {@code opbench run --op conv --backends opencl
 * --algorithms depthwise}): 14x14x512 329 vs 845 us, 112x112x32 346 vs 580-811 us, 112x112x64 stride 2 516 vs
 * 1120 us.
 */
final class ConvDepthwise extends WeightedOp<ConvProblem> {
    static final String FILE = "depthwise.cl";
    private static final int[] OWBS = {1, 2, 4, 8, 16};
    private static final int[] OHBS = {1, 2, 4};

    ConvDepthwise(ConvProblem p) {
        super("depthwise", p, FILE);
    }

    static String unsupported(ConvProblem p) {
        return p.g() == p.ic() && p.g() == p.oc() ? null
                : "the depthwise algorithm needs g == ic == oc (got g" + p.g() + " ic" + p.ic() + " oc" + p.oc()
                + "); use direct or gemm for other grouped convolutions";
    }

    @Override
    public List<Defines> variants() {
        List<Defines> out = new ArrayList<>();
        out.add(Defines.of("ROWS", 1, "OHB", 1)); // the default: 2-2.6x faster than the blocked kernel on PoCL
        out.add(Defines.of("OWB", Math.min(8, Integer.highestOneBit(p.ow())), "OHB", 1));
        for (int ohb : OHBS) {
            if (ohb > 1 && ohb <= p.oh()) {
                out.add(Defines.of("ROWS", 1, "OHB", ohb)); // depthwise_rows: whole rows per work-item
            }
        }
        for (int owb : OWBS) {
            for (int ohb : OHBS) {
                Defines d = Defines.of("OWB", owb, "OHB", ohb);
                if ((owb == 1 || owb <= p.ow()) && (ohb == 1 || ohb <= p.oh()) && !out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        boolean rows = variant.has("ROWS");
        var k = Programs.kernel(ctx, FILE, rows ? "depthwise_rows" : "depthwise", ConvDirect.shape(p).with(variant));
        k.args(buf.src(), buf.wei(), buf.bias(), buf.dst(), p.mb(), p.ic(), p.ih(), p.iw(), p.oh(), p.ow(), p.ph(),
                p.pw());
        if (rows) {
            return List.of(new KernelSpec(k, new long[] {KernelSpec.ceilDiv(p.oh(), variant.get("OHB")),
                    (long) p.mb() * p.ic()}));
        }
        return List.of(new KernelSpec(k, new long[] {KernelSpec.ceilDiv(p.ow(), variant.get("OWB")),
                KernelSpec.ceilDiv(p.oh(), variant.get("OHB")), (long) p.mb() * p.ic()}));
    }
}
