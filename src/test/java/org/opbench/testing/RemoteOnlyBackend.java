package org.opbench.testing;

import java.util.Map;
import org.opbench.backend.reference.ReferenceOp;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/**
 * Test-only backend that is available only in a JVM started with {@code -Dopbench.test.remote=NAME}, standing in
 * for a library that exists on the machine a launcher runs workers on (a board) but not in the driver's JVM.
 * It computes with the reference loops and reports {@code NAME} as its device.
 */
public final class RemoteOnlyBackend extends AnyProblemBackend {
    static final String PROPERTY = "opbench.test.remote";

    @Override
    public String name() {
        return "remote-only";
    }

    @Override
    public Availability probe() {
        String where = System.getProperty(PROPERTY);
        return where == null ? Availability.unavailable("only on the remote side (-D" + PROPERTY + " not set)")
                : Availability.available("test", where, Map.of());
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) {
        return new ReferenceOp(problem, data, Execution.f32(variant.algorithm(), "reference loops", Transform.NONE));
    }
}
