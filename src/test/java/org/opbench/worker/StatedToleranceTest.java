package org.opbench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/**
 * A point's tolerance comes from what its backend states it ran, never from the algorithm or impl names: an output
 * off by 1e-3 of its range is a mismatch for a backend that states plain fp32, whatever words its names contain, and
 * passes for one that states a Winograd transform, however plainly it is named.
 */
class StatedToleranceTest {
    private static final MeasureSettings QUICK = new MeasureSettings(0, 0, 2, 0, 1000, 10, 0.02, false, null, 0);
    private static final String LOOSE_WORDS = "int8 winograd fp16 tensor_op tf32 fft";

    @Test
    void namesThatOnceLoosenedTheToleranceNoLongerDo() {
        PointRecord r = run(new OffByAThousandth(LOOSE_WORDS, Transform.NONE));
        assertEquals(Status.MISMATCH, r.status(), r.reason());
        assertEquals(Tolerance.EXACT_ORDER, r.tolerance());
        assertEquals(LOOSE_WORDS, r.impl());
        assertEquals(Map.of("storage", "f32", "math", "f32", "accumulation", "f32", "transform", "none"),
                r.details().get(Execution.DETAILS_KEY));
    }

    @Test
    void aStatedTransformGetsItsToleranceUnderAPlainName() {
        PointRecord r = run(new OffByAThousandth("direct", Transform.WINOGRAD));
        assertEquals(Status.OK, r.status(), r.reason());
        assertEquals(Tolerance.TRANSFORM, r.tolerance());
    }

    private static PointRecord run(Backend backend) {
        PointRunner runner = new PointRunner(backend, backend.probe(), QUICK, 5, Map.of());
        return runner.run(new Task(0, Problems.parse(Op.SOFTMAX, "mb2ic50"), null, 1, LOOSE_WORDS, "none"), 1);
    }

    /** The reference's softmax with its first value moved by 1e-3 of the output range. */
    private record OffByAThousandth(String impl, Transform stated) implements Backend {
        @Override
        public String name() {
            return "off-by-a-thousandth";
        }

        @Override
        public Availability probe() {
            return Availability.available("test", "cpu:test", Map.of());
        }

        @Override
        public List<String> algorithms(Op op) {
            return List.of(LOOSE_WORDS);
        }

        @Override
        public Support supports(Problem problem, Variant variant) {
            return Support.YES;
        }

        @Override
        public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) {
            float[] out = Reference.compute(data);
            float max = 0;
            for (float v : out) {
                max = Math.max(max, Math.abs(v));
            }
            out[0] += 1e-3f * max;
            Execution execution = Execution.f32(variant.algorithm(), impl, stated);
            return new PreparedOp() {
                @Override
                public void run() {
                    // the output is computed at prepare
                }

                @Override
                public float[] output() {
                    return out;
                }

                @Override
                public Execution execution() {
                    return execution;
                }

                @Override
                public void close() {
                    // nothing to release
                }
            };
        }
    }
}
