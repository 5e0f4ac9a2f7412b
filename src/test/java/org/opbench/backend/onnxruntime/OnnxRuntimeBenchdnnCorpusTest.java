package org.opbench.backend.onnxruntime;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opbench.problem.ConvProblem;
import org.opbench.spi.BackendException;
import org.opbench.spi.Variant;
import org.opbench.testing.BenchdnnCorpus;
import org.opbench.testing.ReferenceCheck;

/** A sample of benchdnn's conv shapes (asymmetric pads [t,l,b,r] among them) on ONNX Runtime against the reference. */
class OnnxRuntimeBenchdnnCorpusTest {
    private static final OnnxRuntimeBackend BACKEND = new OnnxRuntimeBackend();

    @BeforeAll
    static void probe() {
        OnnxRuntimeBackendTest.expectedHere().requireAvailable("onnxruntime", BACKEND.probe());
    }

    static List<ConvProblem> sample() {
        return BenchdnnCorpus.sample();
    }

    @ParameterizedTest
    @MethodSource("sample")
    void matchesTheReference(ConvProblem problem) throws BackendException {
        ReferenceCheck.run(BACKEND, problem, new Variant("cpu-all", "none", 1));
    }
}
