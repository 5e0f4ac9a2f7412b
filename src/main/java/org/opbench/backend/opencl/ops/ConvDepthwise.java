package org.opbench.backend.opencl.ops;

import java.util.ArrayList;
import java.util.List;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;

/** Depthwise convolution ({@code depthwise.cl}), only for {@code g == ic == oc}. */
final class ConvDepthwise implements ClOperator {
    static final String FILE = "depthwise.cl";
    private static final int[] OWBS = {1, 2, 4, 8, 16};
    private static final int[] OHBS = {1, 2, 4};

    private final ConvProblem p;
    private ConvBuffers buf;

    ConvDepthwise(ConvProblem p) {
        this.p = p;
    }

    static String unsupported(ConvProblem p) {
        return p.g() == p.ic() && p.g() == p.oc() ? null
                : "the depthwise algorithm needs g == ic == oc (got g" + p.g() + " ic" + p.ic() + " oc" + p.oc()
                + "); use direct or gemm for other grouped convolutions";
    }

    @Override
    public List<String> sources() {
        return List.of(FILE);
    }

    @Override
    public List<Defines> variants() {
        List<Defines> out = new ArrayList<>();
        out.add(Defines.of("OWB", Math.min(8, Integer.highestOneBit(p.ow())), "OHB", 1));
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
    public void setup(ClContext ctx, ProblemData data) throws BackendException {
        buf = ConvBuffers.upload(ctx, data);
    }

    @Override
    public List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException {
        var k = Programs.kernel(ctx, FILE, "depthwise", ConvDirect.shape(p).with(variant));
        k.args(buf.src(), buf.wei(), buf.bias(), buf.dst(), p.mb(), p.ic(), p.ih(), p.iw(), p.oh(), p.ow(), p.ph(),
                p.pw());
        return List.of(new KernelSpec(k, new long[] {KernelSpec.ceilDiv(p.ow(), variant.get("OWB")),
                KernelSpec.ceilDiv(p.oh(), variant.get("OHB")), (long) p.mb() * p.ic()}));
    }

    @Override
    public ClBuffer output() {
        return buf.dst();
    }

    @Override
    public String impl(Defines variant) {
        return "opbench-cl:depthwise{" + variant + "}";
    }
}
