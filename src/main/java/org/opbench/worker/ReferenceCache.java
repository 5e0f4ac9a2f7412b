package org.opbench.worker;

import org.opbench.backend.reference.Reference;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;

/**
 * The inputs and reference output of the problem in hand. Tasks are ordered problem by problem, so one entry
 * serves all algorithms and tuners of a problem; the reference is computed only when first needed.
 */
final class ReferenceCache {
    private final long seed;
    private Problem problem;
    private ProblemData data;
    private float[] expected;

    ReferenceCache(long seed) {
        this.seed = seed;
    }

    ProblemData data(Problem p) {
        if (!p.equals(problem)) {
            problem = p;
            data = null;
            expected = null;
            data = ProblemData.of(p, seed);
        }
        return data;
    }

    float[] expected(Problem p) {
        ProblemData d = data(p);
        if (expected == null) {
            expected = Reference.compute(d);
        }
        return expected;
    }

    /** Heap bytes held for {@code p} already (its data and reference output), 0 for another problem. */
    long heldFor(Problem p) {
        if (!p.equals(problem)) {
            return 0;
        }
        return MemoryGuard.heapBytes(p) - (expected == null ? 2L : 1L) * p.dstElements() * Float.BYTES;
    }

    /** Drops the cached arrays (before a point that needs the memory). */
    void clear() {
        problem = null;
        data = null;
        expected = null;
    }
}
