package org.opbench.backend.opencl.ops;

import java.util.List;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Transform;

/**
 * One algorithm of one operator on an OpenCL context: its tiling variants, its buffers and, per variant,
 * the kernels one repetition enqueues in order.
 */
public interface ClOperator {

    /** Kernel source files (in {@code operators/}) the kernels come from; part of the tuning key. */
    List<String> sources();

    /** Tiling variants the exhaustive tuner tries; the first is the default. Never empty. */
    List<Defines> variants();

    /**
     * Allocates buffers, uploads {@code data} and runs one-off transforms (e.g. Winograd's filter transform).
     * Called once, before {@link #kernels}.
     */
    void setup(ClContext ctx, ProblemData data) throws BackendException;

    /** Builds the kernels of {@code variant} with their arguments bound (programs are cached per context). */
    List<KernelSpec> kernels(ClContext ctx, Defines variant) throws BackendException;

    /** The buffer holding the result in the canonical layout after a repetition. */
    ClBuffer output();

    /** The implementation name for results, e.g. {@code opbench-cl:im2col+gemm{TM=4,VW=8,NV=1}}. */
    String impl(Defines variant);

    /** The transform this operator's kernels compute through. */
    default Transform transform() {
        return Transform.NONE;
    }
}
