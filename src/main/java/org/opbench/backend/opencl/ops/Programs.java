package org.opbench.backend.opencl.ops;

import java.io.IOException;
import org.bytedeco.opencl._cl_program;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.backend.opencl.cl.ClKernel;
import org.opbench.spi.BackendException;

/** Builds kernels from {@code operators/*.cl} with defines. */
final class Programs {
    private Programs() {
    }

    static ClKernel kernel(ClContext ctx, String file, String kernel, Defines defines) throws BackendException {
        String source;
        try {
            source = KernelSources.read(file);
        } catch (IOException e) {
            throw new BackendException("cannot read OpenCL kernel source " + file + ": " + e.getMessage(), e);
        }
        _cl_program p = ctx.program(source, defines.options());
        return ctx.kernel(p, kernel);
    }
}
