package org.opbench.backend.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opbench.measure.Tolerance;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/** The reference states what its loops do: fp32 tensors, products and sums in double, no transform. */
class ReferencePrecisionTest {

    @Test
    void statesDoubleSumsAndNoTransform() {
        Problem p = Problems.parse(Op.CONV, "mb1ic2ih5iw5oc3kh3kw3ph1pw1");
        try (PreparedOp op = new ReferenceBackend().prepare(p, new Variant("direct", "none", 1), ProblemData.of(p, 1))) {
            Execution e = op.execution();
            assertEquals("direct", e.algorithm());
            assertEquals("java:conv_ref", e.impl());
            assertEquals(DataType.F32, e.numerics().storage());
            assertEquals(DataType.F64, e.numerics().math());
            assertEquals(DataType.F64, e.numerics().accumulation());
            assertEquals(Transform.NONE, e.transform());
            assertEquals(Tolerance.EXACT_ORDER, Tolerance.of(e));
        }
    }
}
