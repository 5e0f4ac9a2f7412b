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
    /**
     * The conv algorithm that picks one of the others per problem ({@link #resolve}): {@code depthwise} where
     * g == ic == oc, else {@code gemm}. Measured on MobileNet-v1-0.25-128 (PoCL, 2-core EPYC): gemm runs the 1x1
     * layers 3.5-6x faster than direct, and depthwise the depthwise layers 1.1-1.4x faster than direct.
     * Winograd is never chosen (its transforms cost accuracy; ask for it by name).
     */
    public static final String AUTO = "auto";

    private Operators() {
    }

    /** The algorithm that runs {@code problem} under {@code algorithm}: {@code auto} resolved, others unchanged. */
    public static String resolve(Problem problem, String algorithm) {
        if (!algorithm.equals(AUTO) || !(problem instanceof ConvProblem c)) {
            return algorithm;
        }
        return ConvDepthwise.unsupported(c) == null ? "depthwise" : "gemm";
    }

    /** Algorithm names for {@code op}; the first is the default. */
    public static List<String> algorithms(Op op) {
        return switch (op) {
            case CONV -> List.of(AUTO, "direct", "gemm", "winograd", "depthwise");
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
    public static ClOperator create(Problem problem, String requested) {
        String why = unsupported(problem, requested);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        String algorithm = resolve(problem, requested);
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
