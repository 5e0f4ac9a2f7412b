package org.opbench.backend.tensorrt;

import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;

/**
 * Where the tensorrt backend gets the ONNX model of a problem: one node computing the problem with {@code data}'s
 * weights and bias as initializers, input {@code x} (the problem's source, NCHW), output {@code y} (NCHW; fc
 * N x OC). The implementation is {@code org.opbench.onnx.SingleNodeModels.build(Problem, ProblemData)}, wired in
 * {@link OnnxSources#defaultSource()}.
 */
@FunctionalInterface
public interface OnnxSource {
    /** The input tensor's name in every model. */
    String INPUT = "x";
    /** The output tensor's name in every model. */
    String OUTPUT = "y";

    /**
     * The serialized ONNX {@code ModelProto}.
     *
     * @throws org.opbench.spi.UnsupportedException when no model can be made for this problem
     */
    byte[] model(Problem problem, ProblemData data) throws BackendException;
}
