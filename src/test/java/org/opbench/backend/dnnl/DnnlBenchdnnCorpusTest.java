package org.opbench.backend.dnnl;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Op;
import org.opbench.spi.BackendException;
import org.opbench.testing.BenchdnnCorpus;

/**
 * A sample of benchdnn's own conv shapes (asymmetric padding, 1-D, others) on dnnl against the reference loops;
 * {@code benchmarks/benchdnn-corpus.sh} runs all of them.
 */
class DnnlBenchdnnCorpusTest {
    private static DnnlBackend backend;

    @BeforeAll
    static void load() {
        backend = DnnlTestSupport.backend();
    }

    static List<ConvProblem> sample() {
        return BenchdnnCorpus.sample();
    }

    @ParameterizedTest
    @MethodSource("sample")
    void matchesTheReference(ConvProblem problem) throws BackendException {
        DnnlTestSupport.checkAgainstReference(backend, Op.CONV, problem.toString(), "auto", Map.of());
    }
}
