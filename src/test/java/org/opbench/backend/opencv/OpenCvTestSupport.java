package org.opbench.backend.opencv;

import org.bytedeco.javacpp.Loader;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Variant;
import org.opbench.testing.Expectation;
import org.opbench.testing.ReferenceCheck;

/** Shared by the tests that need the natives. */
final class OpenCvTestSupport {
    static final OpenCvBackend BACKEND = new OpenCvBackend();
    private static Availability availability;

    private OpenCvTestSupport() {
    }

    static synchronized Availability availability() {
        if (availability == null) {
            availability = BACKEND.probe();
        }
        return availability;
    }

    /**
     * OpenCV must load wherever its JavaCPP natives for this platform are on the class path (the Maven build puts
     * them there for linux-x86_64); elsewhere it is unavailable with the loader's reason.
     */
    static Expectation expectedHere() {
        String platform = Loader.getPlatform();
        return Expectation.onClassPath("org/bytedeco/opencv/" + platform + "/")
                ? Expectation.available("the OpenCV natives for " + platform + " are on the class path")
                : Expectation.dependsOn("the OpenCV natives for " + platform);
    }

    /** Continues when OpenCV runs here: fails where it must, skips naming the probe's reason elsewhere. */
    static void ready() {
        expectedHere().requireAvailable("opencv", availability());
    }

    /** Output of {@code problem} after two runs (the input is bound once, at prepare time). */
    static float[] output(Problem problem, String algorithm, int threads) throws Exception {
        Variant v = new Variant(algorithm, "none", threads);
        ProblemData data = ProblemData.of(problem, 7);
        try (PreparedOp op = BACKEND.prepare(problem, v, data)) {
            op.run();
            op.run();
            return op.output();
        }
    }

    /** Runs {@code problem} and checks it against the reference within the tolerance its stated execution gives. */
    static String check(Problem problem, String algorithm, int threads) throws Exception {
        return ReferenceCheck.run(BACKEND, problem, new Variant(algorithm, "none", threads)).impl();
    }
}
