package org.opbench.backend.opencv;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opbench.problem.ConvProblem;
import org.opbench.testing.BenchdnnCorpus;

/** A sample of benchdnn's conv shapes (asymmetric pad_t/pad_b/pad_l/pad_r among them) on OpenCV DNN. */
class OpenCvBenchdnnCorpusTest {
    static List<ConvProblem> sample() {
        return BenchdnnCorpus.sample();
    }

    @ParameterizedTest
    @MethodSource("sample")
    void matchesTheReference(ConvProblem problem) throws Exception {
        OpenCvTestSupport.ready();
        OpenCvTestSupport.check(problem, "auto", 1);
    }
}
