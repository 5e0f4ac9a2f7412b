package org.opbench.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;

/** A backend's answer against the reference loops, as the backend tests check it. */
public final class ReferenceCheck {
    /** The inputs' seed. */
    static final long SEED = 11;

    /** What ran, read before the op was closed: the library's implementation name and its details. */
    public record Ran(String impl, Map<String, Object> details) {
    }

    private ReferenceCheck() {
    }

    /**
     * Asserts {@code backend} supports {@code problem} with {@code variant}, prepares it on seeded inputs, runs it
     * twice and asserts the output is within the tolerance of the execution the op states.
     */
    public static Ran run(Backend backend, Problem problem, Variant variant) throws BackendException {
        Support s = backend.supports(problem, variant);
        assertTrue(s.supported(), problem + " " + variant.algorithm() + ": " + s.reason());
        ProblemData data = ProblemData.of(problem, SEED);
        float[] ref = Reference.compute(data);
        try (PreparedOp op = backend.prepare(problem, variant, data)) {
            op.run();
            op.run();
            double err = Check.relativeError(op.output(), ref);
            double tol = Tolerance.of(op.execution());
            assertTrue(err <= tol, problem + " " + variant.algorithm() + " (" + op.impl() + "): relative error " + err
                    + " > " + tol);
            return new Ran(op.impl(), op.details());
        }
    }
}
