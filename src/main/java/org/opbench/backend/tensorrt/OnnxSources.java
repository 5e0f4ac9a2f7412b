package org.opbench.backend.tensorrt;

import org.opbench.spi.UnsupportedException;

/** The {@link OnnxSource} the tensorrt backend uses. */
public final class OnnxSources {
    /** What this build has: no single-node models yet. */
    static final String NOT_AVAILABLE = "single-node ONNX models not available in this build";

    private static final OnnxSource UNAVAILABLE = (problem, data) -> {
        throw new UnsupportedException(NOT_AVAILABLE);
    };

    private OnnxSources() {
    }

    /**
     * The models the backend builds engines from. Wiring point: once {@code org.opbench.onnx.SingleNodeModels}
     * is on this branch, this returns {@code SingleNodeModels::build}.
     */
    public static OnnxSource defaultSource() {
        return UNAVAILABLE;
    }
}
