package org.opbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opbench.backend.opencl.tune.Tuner;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;

/** The keywords of --algorithms and --tuners name nothing a backend defines, so each spelling means one thing. */
class PlannerKeywordTest {

    @Test
    void noBackendDefinesAnAlgorithmOrTunerNamedLikeAKeyword() {
        Backends backends = Backends.load();
        assertFalse(backends.all().isEmpty());
        for (Backend b : backends.all()) {
            assertNull(Planner.keywordClash(b), b.name());
        }
    }

    @Test
    void theOpenClHeuristicModeHasItsOwnNameAndTheKeywordStillMeansTheBackendsDefault() {
        assertFalse(Tuner.MODES.stream().anyMatch(Planner.KEYWORDS::contains), Tuner.MODES.toString());
        assertEquals(List.of("heuristic"), Planner.pick(List.of("heuristic"), Tuner.MODES));
        assertEquals(List.of(Tuner.MODES.get(0)), Planner.pick(List.of(Planner.DEFAULT), Tuner.MODES));
        assertEquals(Tuner.MODES, Planner.pick(List.of(Planner.ALL), Tuner.MODES));
    }

    @Test
    void aBackendDefiningAKeywordIsRefusedWithTheBackendTheNameAndTheOption() {
        String tuner = Planner.keywordClash(fake(List.of("direct"), List.of("none", "default")));
        assertNotNull(tuner);
        assertTrue(tuner.contains("'fake'") && tuner.contains("tuner 'default'") && tuner.contains("--tuners"), tuner);
        String alg = Planner.keywordClash(fake(List.of("direct", "all"), List.of("none")));
        assertNotNull(alg);
        assertTrue(alg.contains("algorithm 'all'") && alg.contains("--algorithms"), alg);
        assertNull(Planner.keywordClash(fake(List.of("auto", "direct"), List.of("none", "heuristic"))));
    }

    private static Backend fake(List<String> algorithms, List<String> tuners) {
        return new Backend() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Availability probe() {
                throw new AssertionError("not probed");
            }

            @Override
            public List<String> algorithms(Op op) {
                return algorithms;
            }

            @Override
            public List<String> tuners() {
                return tuners;
            }

            @Override
            public Support supports(Problem problem, Variant variant) {
                return Support.YES;
            }

            @Override
            public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) {
                throw new AssertionError("not prepared");
            }
        };
    }
}
