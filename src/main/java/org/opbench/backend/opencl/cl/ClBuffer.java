package org.opbench.backend.opencl.cl;

import org.bytedeco.opencl._cl_mem;

/** A device buffer of {@code floats} 32-bit floats, owned and released by its {@link ClContext}. */
public final class ClBuffer {
    private final _cl_mem mem;
    private final long floats;

    ClBuffer(_cl_mem mem, long floats) {
        this.mem = mem;
        this.floats = floats;
    }

    public _cl_mem mem() {
        return mem;
    }

    public long floats() {
        return floats;
    }

    public long bytes() {
        return floats * Float.BYTES;
    }
}
