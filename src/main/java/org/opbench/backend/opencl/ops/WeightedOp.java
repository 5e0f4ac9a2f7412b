package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;

/**
 * An operator with weights (a convolution or fc algorithm): its kernel files, its source, weight, bias and output
 * buffers, and an implementation name {@code opbench-cl:NAME{variant}}.
 */
abstract class WeightedOp<P extends Problem> implements ClOperator {
    private final String name;
    private final List<String> sources;
    protected final P p;
    protected ConvBuffers buf;

    WeightedOp(String name, P p, String... sources) {
        this.name = name;
        this.p = p;
        this.sources = List.of(sources);
    }

    @Override
    public final List<String> sources() {
        return sources;
    }

    /** Uploads the source, weights and bias as given; algorithms that reorder weights or transform more override. */
    @Override
    public void setup(ClContext ctx, ProblemData data) throws BackendException {
        buf = ConvBuffers.upload(ctx, data);
    }

    @Override
    public final ClBuffer output() {
        return buf.dst();
    }

    @Override
    public final String impl(Defines variant) {
        return "opbench-cl:" + name + "{" + variant + "}";
    }
}
