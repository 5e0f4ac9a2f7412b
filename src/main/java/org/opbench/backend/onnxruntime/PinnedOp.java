package org.opbench.backend.onnxruntime;

import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;

/**
 * An ONNX Runtime session run as a prepared op: {@link #run()} is one {@link PinnedSession#run()} and
 * {@link #output()} its pinned output. Shared by the operator backend and the network backend's sessions.
 */
public abstract class PinnedOp implements PreparedOp {
    protected final PinnedSession pinned;

    protected PinnedOp(PinnedSession pinned) {
        this.pinned = pinned;
    }

    @Override
    public final void run() throws BackendException {
        pinned.run();
    }

    @Override
    public final float[] output() {
        return pinned.output();
    }
}
