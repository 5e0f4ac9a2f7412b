package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.Op;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.SoftmaxProblem;

/** The algorithms per operator and which problems each can run. */
public final class Operators {
    private Operators() {
    }

    /** Algorithm names for {@code op}; the first is the default. */
    public static List<String> algorithms(Op op) {
        return switch (op) {
            case CONV -> List.of("direct", "gemm", "winograd", "depthwise");
            case FC -> List.of("gemv", "gemm");
            case POOL, SOFTMAX -> List.of("direct");
        };
    }

    /** Why {@code algorithm} cannot run {@code problem}, or null when it can. */
    public static String unsupported(Problem problem, String algorithm) {
        if (!algorithms(problem.op()).contains(algorithm)) {
            return "the opencl backend has no '" + algorithm + "' algorithm for " + problem.op().id() + " (known: "
                    + String.join(", ", algorithms(problem.op())) + ")";
        }
        if (problem instanceof ConvProblem c) {
            return switch (algorithm) {
                case "winograd" -> ConvWinograd.unsupported(c);
                case "depthwise" -> ConvDepthwise.unsupported(c);
                default -> null;
            };
        }
        return null;
    }

    /** The operator for a supported (problem, algorithm). */
    public static ClOperator create(Problem problem, String algorithm) {
        String why = unsupported(problem, algorithm);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        if (problem instanceof ConvProblem c) {
            return switch (algorithm) {
                case "gemm" -> new ConvGemm(c);
                case "winograd" -> new ConvWinograd(c);
                case "depthwise" -> new ConvDepthwise(c);
                default -> new ConvDirect(c);
            };
        }
        if (problem instanceof FcProblem f) {
            return algorithm.equals("gemm") ? new FcGemm(f) : new FcGemv(f);
        }
        if (problem instanceof PoolProblem q) {
            return new Pool(q);
        }
        return new Softmax((SoftmaxProblem) problem);
    }
}
