package org.opbench.backend.opencl.cl;

import org.opbench.spi.BackendException;

/** An OpenCL call returned an error status; {@link #status()} is the {@code CL_*} code. */
public class ClException extends BackendException {
    private final int status;

    public ClException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The OpenCL status code (negative). */
    public int status() {
        return status;
    }
}
