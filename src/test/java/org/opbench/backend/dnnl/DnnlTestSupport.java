package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;
import org.opbench.testing.LevelCheck;
import org.opbench.testing.Expectation;

/** Shared steps of the dnnl tests: whether oneDNN must load here, run a problem the way the driver does. */
final class DnnlTestSupport {
    static final long SEED = 42;

    private DnnlTestSupport() {
    }

    /**
     * oneDNN must load wherever its JavaCPP natives for this platform are on the class path (the Maven build puts
     * them there for linux-x86_64); elsewhere it is unavailable with the loader's reason.
     */
    static Expectation expectedHere() {
        String platform = Loader.getPlatform();
        return Expectation.onClassPath("org/bytedeco/dnnl/" + platform + "/")
                ? Expectation.available("the oneDNN natives for " + platform + " are on the class path")
                : Expectation.unavailable("oneDNN could not be loaded");
    }

    /** The probed backend: a failure where oneDNN must load, a skip naming the reason where it cannot. */
    static DnnlBackend backend() {
        DnnlBackend backend = new DnnlBackend();
        expectedHere().requireAvailable("dnnl", backend.probe());
        return backend;
    }

    static Variant variant(DnnlBackend backend, String algorithm, Map<String, String> options) {
        return new Variant(algorithm, "none", backend.effectiveThreads(), options);
    }

    /**
     * Prepares {@code descriptor} in {@code precision}, runs it twice and compares with the reference within
     * {@link Tolerance#of(org.opbench.spi.Execution, Problem, float[])}; an int8 point also within one destination
     * level ({@link Tolerance#errorLevels}). Returns what ran (impl) and the operator's details.
     */
    static Ran checkPrecision(DnnlBackend backend, Op op, String descriptor, Precision precision,
                              Map<String, String> options) throws BackendException {
        Problem problem = Problems.parse(op, descriptor).withDtype(precision);
        LevelCheck.Ran r = LevelCheck.run(backend, problem, variant(backend, "auto", options), SEED);
        String impl = r.execution().impl();
        assertFalse(impl.isBlank(), "impl string");
        String what = descriptor + " " + precision.id() + " [" + impl + "]";
        assertTrue(r.errorLevels() <= 1, () -> what + ": " + r.errorLevels() + " levels from the reference");
        System.out.println("dnnl " + op.id() + " " + what + " " + r.execution().numerics() + " " + r.details()
                + " err=" + r.relativeError() + " levels=" + r.errorLevels());
        return new Ran(impl, r.execution().numerics(), r.details());
    }

    /** What a checked point ran. */
    record Ran(String impl, org.opbench.spi.Numerics numerics, Map<String, Object> details) {
    }

    /** Prepares, runs twice and compares with the reference; returns the impl string. */
    static String checkAgainstReference(DnnlBackend backend, Op op, String descriptor, String algorithm,
                                        Map<String, String> options) throws BackendException {
        Problem problem = Problems.parse(op, descriptor);
        Variant variant = variant(backend, algorithm, options);
        Support support = backend.supports(problem, variant);
        assertTrue(support.supported(), () -> descriptor + ": " + support.reason());
        ProblemData data = ProblemData.of(problem, SEED);
        float[] ref = Reference.compute(data);
        try (PreparedOp prepared = backend.prepare(problem, variant, data)) {
            prepared.run();
            prepared.run();
            float[] out = prepared.output();
            String impl = prepared.impl();
            assertFalse(impl.isBlank(), "impl string");
            double err = Check.relativeError(out, ref);
            double tol = Tolerance.of(prepared.execution());
            assertTrue(err <= tol, () -> descriptor + " [" + algorithm + ", " + impl + "]: relative error " + err
                    + " > " + tol);
            assertEquals(backend.effectiveThreads(), prepared.details().get("threads"));
            System.out.println("dnnl " + op.id() + " " + descriptor + " " + algorithm + " " + options + " -> " + impl
                    + " " + prepared.details() + " err=" + err);
            return impl;
        }
    }
}
