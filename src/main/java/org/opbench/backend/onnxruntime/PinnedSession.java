package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Map;
import org.opbench.spi.BackendException;

/**
 * An ONNX Runtime session with one float input and one float output bound once, shared by the operator backend
 * ({@link OrtPreparedOp}) and the network backend ({@code org.opbench.network.ort}).
 *
 * <p>The input is an {@link OnnxTensor} over a direct {@link FloatBuffer} (ORT uses the memory in place), and the
 * output is <em>pinned</em>: a second tensor over a direct buffer passed to {@link OrtSession#run(Map, Map)}, into
 * which ORT writes, so no output tensor is created per run. What the 1.29 Java binding still allocates per
 * {@code run} is its bookkeeping: name and handle arrays, the boolean ownership array the native call returns, and
 * the {@link OrtSession.Result} with its map and list (about 400-440 bytes of short-lived Java objects; ORT's CPU
 * arena grows only in the first run, profiles show {@code mem_arena_held_delta} 0 afterwards, and nothing is copied
 * out). The result owns none of its values (the pinned output is ours), and it is closed at once.
 * {@link #close()} closes the tensors, the session and the options, and is idempotent.
 */
public final class PinnedSession implements BoundSession {
    /** How the session is created (from model bytes or a file). */
    @FunctionalInterface
    public interface Factory {
        OrtSession create(OrtSession.SessionOptions options) throws OrtException;
    }

    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final OnnxTensor input;
    private final OnnxTensor output;
    private final FloatBuffer outputBuffer;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;
    private final float[] result;
    private boolean closed;

    private PinnedSession(OrtSession.SessionOptions options, OrtSession session, String inputName, OnnxTensor input,
                          String outputName, OnnxTensor output, FloatBuffer outputBuffer) {
        this.options = options;
        this.session = session;
        this.input = input;
        this.output = output;
        this.outputBuffer = outputBuffer;
        this.inputs = Collections.singletonMap(inputName, input);
        this.outputs = Collections.singletonMap(outputName, output);
        this.result = new float[outputBuffer.capacity()];
    }

    /**
     * Creates the session and binds {@code src} (copied into a direct buffer) to {@code inputName} and an output of
     * {@code outShape} to {@code outputName}. Takes ownership of {@code options}: closed here on failure, else by
     * {@link #close()}.
     *
     * @param what names the session in error messages
     */
    public static PinnedSession open(OrtEnvironment env, OrtSession.SessionOptions options, Factory factory,
                                     String inputName, float[] src, long[] inShape, String outputName,
                                     long[] outShape, String what) throws BackendException {
        OrtSession session = null;
        OnnxTensor in = null;
        OnnxTensor out = null;
        try {
            session = factory.create(options);
            FloatBuffer inBuf = directFloats(src.length);
            inBuf.put(src).rewind();
            in = OnnxTensor.createTensor(env, inBuf, inShape);
            FloatBuffer outBuf = directFloats(Math.toIntExact(product(outShape)));
            out = OnnxTensor.createTensor(env, outBuf, outShape);
            return new PinnedSession(options, session, inputName, in, outputName, out, outBuf);
        } catch (OrtException e) {
            BackendException mapped = OrtStatus.map("session for " + what, e);
            suppress(mapped, closeAll(out, in, session, options));
            throw mapped;
        } catch (RuntimeException | Error e) {
            suppress(e, closeAll(out, in, session, options));
            throw e;
        }
    }

    /** One inference into the pinned output. */
    public void run() throws BackendException {
        try (OrtSession.Result r = session.run(inputs, outputs)) {
            // the pinned output now holds the result; r owns nothing
        } catch (OrtException e) {
            throw OrtStatus.map("run", e);
        }
    }

    /** Runs with these same bindings on another session (a profiling one); the result lands in the same output. */
    public void runOn(OrtSession other) throws OrtException {
        other.run(inputs, outputs).close();
    }

    /** The output of the last run (the same array every time). */
    public float[] output() {
        outputBuffer.get(0, result);
        return result;
    }

    /** The session, for what only it can do (ending a profile). */
    public OrtSession session() {
        return session;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OrtException failed = closeAll(output, input, session, options);
        if (failed != null) {
            throw new IllegalStateException(OrtStatus.map("closing the session", failed).getMessage(), failed);
        }
    }

    /** Closes everything given (nulls skipped); returns the session's close failure, if any, after the rest. */
    private static OrtException closeAll(OnnxTensor out, OnnxTensor in, OrtSession session,
                                         OrtSession.SessionOptions options) {
        OrtException failed = null;
        if (out != null) {
            out.close();
        }
        if (in != null) {
            in.close();
        }
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                failed = e;
            }
        }
        options.close();
        return failed;
    }

    private static void suppress(Throwable primary, Throwable secondary) {
        if (secondary != null) {
            primary.addSuppressed(secondary);
        }
    }

    private static FloatBuffer directFloats(int n) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(n, Float.BYTES)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    private static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }
}
