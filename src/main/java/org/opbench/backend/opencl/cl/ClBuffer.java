package org.opbench.backend.opencl.cl;

import org.bytedeco.opencl._cl_mem;

/** A device buffer of {@code floats} 32-bit floats, owned and released by its {@link ClContext}. */
public record ClBuffer(_cl_mem mem, long floats) {

    public long bytes() {
        return floats * Float.BYTES;
    }
}
