package org.opbench.testing;

import java.util.List;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.spi.Backend;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;

/** The test backends' common ground: one algorithm, {@code direct}, for every operator, and every problem supported. */
abstract class AnyProblemBackend implements Backend {

    @Override
    public List<String> algorithms(Op op) {
        return List.of("direct");
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        return Support.YES;
    }
}
