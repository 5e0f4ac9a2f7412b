package org.opbench.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;

/**
 * A backend's bf16, f16 or int8 answer against the reference with the per-precision tolerance the measurement uses
 * ({@link Tolerance#of(Execution, Problem, float[])}: one level for int8).
 */
public final class LevelCheck {
    /**
     * What ran and how far it was: the largest difference in destination levels (int8; 0 otherwise), and the op's
     * details as it reported them before it was closed.
     */
    public record Ran(Execution execution, double relativeError, double errorLevels, Map<String, Object> details) {
    }

    private LevelCheck() {
    }

    /**
     * Asserts {@code backend} supports {@code problem}, prepares it on seeded inputs, runs it twice and asserts the
     * output is within the tolerance of its precision. Throws what prepare throws (a refusal included).
     */
    public static Ran run(Backend backend, Problem problem, Variant variant) throws BackendException {
        return run(backend, problem, variant, ReferenceCheck.SEED);
    }

    /** As {@link #run(Backend, Problem, Variant)} on inputs of seed {@code seed}. */
    public static Ran run(Backend backend, Problem problem, Variant variant, long seed) throws BackendException {
        Support s = backend.supports(problem, variant);
        assertTrue(s.supported(), problem + " " + variant.algorithm() + ": " + s.reason());
        ProblemData data = ProblemData.of(problem, seed);
        float[] ref = Reference.compute(data);
        try (PreparedOp op = backend.prepare(problem, variant, data)) {
            op.run();
            op.run();
            float[] out = op.output();
            double err = Check.relativeError(out, ref);
            double tol = Tolerance.of(op.execution(), problem, ref);
            double levels = problem.dtype() == Precision.INT8 ? Tolerance.errorLevels(problem, out, ref) : 0;
            assertTrue(err <= tol, problem + " " + variant.algorithm() + " (" + op.execution().impl()
                    + "): relative error " + err + " > " + tol + (levels > 0 ? " (" + levels + " levels)" : ""));
            return new Ran(op.execution(), err, levels, op.details());
        }
    }
}
