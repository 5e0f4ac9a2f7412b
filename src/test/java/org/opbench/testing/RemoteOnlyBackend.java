package org.opbench.testing;

import java.util.List;
import java.util.Map;
import org.opbench.backend.reference.Reference;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/**
 * Test-only backend that is available only in a JVM started with {@code -Dopbench.test.remote=NAME}, standing in
 * for a library that exists on the machine a launcher runs workers on (a board) but not in the driver's JVM.
 * It computes with the reference loops and reports {@code NAME} as its device.
 */
public final class RemoteOnlyBackend implements Backend {
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
    public List<String> algorithms(Op op) {
        return List.of("direct");
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        return Support.YES;
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) {
        float[] dst = new float[Math.toIntExact(problem.dstElements())];
        double[] scratch = Reference.scratch(problem);
        return new PreparedOp() {
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
                return Execution.f32(variant.algorithm(), "reference loops", Transform.NONE);
            }

            @Override
            public void close() {
            }
        };
    }
}
