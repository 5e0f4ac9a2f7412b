package org.opbench.backend.reference;

import java.util.List;
import java.util.Map;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/**
 * Plain-Java loops for every operator, accumulating in double: the oracle every other backend is checked
 * against. It is timed like any backend and labelled {@code reference}; it is single-threaded by design.
 */
public final class ReferenceBackend implements Backend {
    public static final String NAME = "reference";
    /** fp32 inputs and outputs, products and sums in double. */
    static final Numerics NUMERICS = new Numerics(DataType.F32, DataType.F64, DataType.F64);

    /** What the reference runs for {@code p}: the problem's storage type, double math, or exact integer sums for int8. */
    static Numerics numerics(Problem p) {
        Precision t = p.dtype();
        if (t.quantized()) {
            return new Numerics(t.src(), DataType.S32, DataType.S32);
        }
        return t == Precision.F32 ? NUMERICS : new Numerics(t.src(), DataType.F64, DataType.F64);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability probe() {
        return Availability.available("java " + Runtime.version(), "cpu:java",
                Map.of("accumulation", "double"));
    }

    @Override
    public List<String> algorithms(Op op) {
        return List.of("direct");
    }

    @Override
    public int maxThreads() {
        return 1;
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        if (!variant.algorithm().equals("direct")) {
            return Support.no("the reference backend has only the 'direct' algorithm, not '" + variant.algorithm() + "'");
        }
        if (!variant.tuner().equals("none")) {
            return Support.no("the reference backend has no tuner");
        }
        if (variant.threads() != 1) {
            return Support.no("the reference backend is single-threaded by design (threads=1 only)");
        }
        return Support.YES;
    }

    @Override
    public long nativeBytes(Problem problem, Variant variant) {
        return 0; // everything lives on the Java heap
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) {
        return new ReferenceOp(problem, data, new Execution(variant.algorithm(), "java:" + problem.op().id() + "_ref",
                numerics(problem), Transform.NONE));
    }
}
