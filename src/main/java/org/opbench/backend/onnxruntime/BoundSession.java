package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OrtSession;
import org.opbench.spi.BackendException;

/**
 * An ONNX Runtime session with its input and output bound once: fp32 ones ({@link PinnedSession}) or tensors of
 * another element type ({@link TypedSession}: u8 levels, float16, bfloat16). {@link OrtPreparedOp} runs either.
 */
interface BoundSession extends AutoCloseable {
    /** One inference into the bound output. */
    void run() throws BackendException;

    /** The output of the last run as floats (the same array every time); converted here, outside {@link #run()}. */
    float[] output();

    /** The session, for what only it can do (ending a profile). */
    OrtSession session();

    boolean isClosed();

    @Override
    void close();
}
