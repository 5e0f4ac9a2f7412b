package org.opbench.backend.reference;

import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;

/**
 * A point computed with the reference loops ({@link Reference#compute}): the output and scratch arrays are allocated
 * here, at prepare time, so {@link #run()} allocates nothing. Everything lives on the Java heap; close releases nothing.
 */
public final class ReferenceOp implements PreparedOp {
    private final ProblemData data;
    private final float[] dst;
    private final Reference.Scratch scratch;
    private final Execution execution;

    /** The op of {@code problem} over {@code data}, reporting {@code execution} as what ran. */
    public ReferenceOp(Problem problem, ProblemData data, Execution execution) {
        this.data = data;
        this.dst = new float[Math.toIntExact(problem.dstElements())];
        this.scratch = Reference.scratch(problem);
        this.execution = execution;
    }

    @Override
    public void run() {
        Reference.compute(data, dst, scratch);
    }

    @Override
    public float[] output() {
        return dst;
    }

    @Override
    public Execution execution() {
        return execution;
    }

    @Override
    public void close() {
        // nothing native to release
    }
}
