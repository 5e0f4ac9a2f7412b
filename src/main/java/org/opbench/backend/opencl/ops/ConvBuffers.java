package org.opbench.backend.opencl.ops;

import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;

/** The device copies of a convolution's (or fc's) source, weights and bias, and its output buffer. */
record ConvBuffers(ClBuffer src, ClBuffer wei, ClBuffer bias, ClBuffer dst) {

    static ConvBuffers upload(ClContext ctx, ProblemData data) throws BackendException {
        return upload(ctx, data, data.weights());
    }

    /** As {@link #upload(ClContext, ProblemData)} with the weights replaced (reordered at prepare). */
    static ConvBuffers upload(ClContext ctx, ProblemData data, float[] weights) throws BackendException {
        return new ConvBuffers(ctx.upload(data.src()), ctx.upload(weights), ctx.upload(data.bias()),
                ctx.zeros(data.problem().dstElements()));
    }
}
