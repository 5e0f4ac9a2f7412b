package org.opbench.backend.tensorrt;

import org.opbench.onnx.SingleNodeModels;

/** The {@link OnnxSource} the tensorrt backend uses: opbench's single-node ONNX models, as ONNX Runtime runs them. */
public final class OnnxSources {
    private OnnxSources() {
    }

    /** The models the backend builds engines from. */
    public static OnnxSource defaultSource() {
        return SingleNodeModels::build;
    }
}
