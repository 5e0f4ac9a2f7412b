package org.opbench.backend.opencl.ops;

import org.opbench.backend.opencl.cl.ClKernel;

/**
 * A kernel with its arguments set and the work-items it needs per dimension; the tuner picks its local size.
 *
 * @param kernel the kernel, arguments bound
 * @param work   work-items per dimension (ids beyond the problem return at once)
 */
public record KernelSpec(ClKernel kernel, long[] work) {
    public KernelSpec {
        work = work.clone();
    }

    public static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
