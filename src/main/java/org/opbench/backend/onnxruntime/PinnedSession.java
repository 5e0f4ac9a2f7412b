package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.Map;
import org.opbench.spi.BackendException;

/**
 * An ONNX Runtime session with one input and one output bound once, shared by the operator backend
 * ({@link OrtPreparedOp}: fp32, and u8 levels, float16 or bfloat16 for the reduced precisions of
 * {@link OrtReduced}) and the network backend ({@code org.opbench.network.ort}).
 *
 * <p>The input is an {@link OnnxTensor} over a direct buffer (ORT uses the memory in place), and the output is
 * <em>pinned</em>: a second tensor over a direct buffer passed to {@link OrtSession#run(Map, Map)}, into which ORT
 * writes, so no output tensor is created and nothing is converted per run. What the 1.29 Java binding still
 * allocates per {@code run} is its bookkeeping: name and handle arrays, the boolean ownership array the native call
 * returns, and the {@link OrtSession.Result} with its map and list (about 400-440 bytes of short-lived Java objects;
 * ORT's CPU arena grows only in the first run, profiles show {@code mem_arena_held_delta} 0 afterwards, and nothing
 * is copied out). The result owns none of its values (the pinned output is ours), and it is closed at once.
 * {@link #output()} decodes the output into floats afterwards ({@link Decoder}: floats as they are, dequantised
 * levels, or 16-bit floats widened). {@link #close()} closes the tensors, the session and the options, and is
 * idempotent.
 */
public final class PinnedSession implements AutoCloseable {
    /** How the session is created (from model bytes or a file). */
    @FunctionalInterface
    public interface Factory {
        OrtSession create(OrtSession.SessionOptions options) throws OrtException;
    }

    /** The float value of element {@code i} of the output buffer. */
    @FunctionalInterface
    interface Decoder {
        float decode(ByteBuffer out, int i);
    }

    private static final Decoder FLOATS = (out, i) -> out.getFloat(i * Float.BYTES);

    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final OnnxTensor input;
    private final OnnxTensor output;
    private final ByteBuffer outputBuffer;
    private final Decoder decoder;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;
    private final float[] result;
    private boolean closed;

    private PinnedSession(OrtSession.SessionOptions options, OrtSession session, String inputName, OnnxTensor input,
                          String outputName, OnnxTensor output, ByteBuffer outputBuffer, int outElements,
                          Decoder decoder) {
        this.options = options;
        this.session = session;
        this.input = input;
        this.output = output;
        this.outputBuffer = outputBuffer;
        this.decoder = decoder;
        this.inputs = Collections.singletonMap(inputName, input);
        this.outputs = Collections.singletonMap(outputName, output);
        this.result = new float[outElements];
    }

    /**
     * Creates the session and binds {@code src} (copied into a direct buffer) to {@code inputName} and an fp32
     * output of {@code outShape} to {@code outputName}. Takes ownership of {@code options}: closed here on failure,
     * else by {@link #close()}.
     *
     * @param what names the session in error messages
     */
    public static PinnedSession open(OrtEnvironment env, OrtSession.SessionOptions options, Factory factory,
                                     String inputName, float[] src, long[] inShape, String outputName,
                                     long[] outShape, String what) throws BackendException {
        ByteBuffer in = direct(Math.multiplyExact(src.length, Float.BYTES));
        in.asFloatBuffer().put(src);
        return bind(env, options, factory, inputName, in, inShape, OnnxJavaType.FLOAT, outputName, outShape,
                OnnxJavaType.FLOAT, FLOATS, what);
    }

    /**
     * Creates the session from {@code model} and binds {@code src} (the input's bytes in native order, copied into
     * a direct buffer) as {@code inType} and an output of {@code outShape} as {@code outType}, read back through
     * {@code decoder}. Takes ownership of {@code options} as {@link #open} does.
     */
    static PinnedSession openTyped(OrtEnvironment env, OrtSession.SessionOptions options, byte[] model,
                                   String inputName, byte[] src, long[] inShape, OnnxJavaType inType,
                                   String outputName, long[] outShape, OnnxJavaType outType, Decoder decoder,
                                   String what) throws BackendException {
        ByteBuffer in = direct(src.length);
        in.put(src).rewind();
        return bind(env, options, o -> env.createSession(model, o), inputName, in, inShape, inType, outputName,
                outShape, outType, decoder, what);
    }

    private static PinnedSession bind(OrtEnvironment env, OrtSession.SessionOptions options, Factory factory,
                                      String inputName, ByteBuffer inBuf, long[] inShape, OnnxJavaType inType,
                                      String outputName, long[] outShape, OnnxJavaType outType, Decoder decoder,
                                      String what) throws BackendException {
        OrtSession session = null;
        OnnxTensor in = null;
        OnnxTensor out = null;
        try {
            session = factory.create(options);
            in = tensor(env, inBuf, inShape, inType);
            int outElements = Math.toIntExact(product(outShape));
            ByteBuffer outBuf = direct(Math.multiplyExact(outElements, outType.size));
            out = tensor(env, outBuf, outShape, outType);
            return new PinnedSession(options, session, inputName, in, outputName, out, outBuf, outElements, decoder);
        } catch (OrtException e) {
            BackendException mapped = OrtStatus.map("session for " + what, e);
            closeAll(out, in, session, options, mapped);
            throw mapped;
        } catch (RuntimeException | Error e) {
            closeAll(out, in, session, options, e);
            throw e;
        }
    }

    /**
     * A tensor over {@code buf} in place: fp32 as a FloatBuffer view, 16-bit types as a ShortBuffer view (ORT takes
     * FLOAT16/BFLOAT16 from one), bytes as they are.
     */
    private static OnnxTensor tensor(OrtEnvironment env, ByteBuffer buf, long[] shape, OnnxJavaType type)
            throws OrtException {
        if (type == OnnxJavaType.FLOAT) {
            return OnnxTensor.createTensor(env, buf.asFloatBuffer(), shape);
        }
        if (type.size == 2) {
            return OnnxTensor.createTensor(env, buf.asShortBuffer(), shape, type);
        }
        return OnnxTensor.createTensor(env, buf, shape, type);
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

    /** The output of the last run as floats (the same array every time), decoded here, outside {@link #run()}. */
    public float[] output() {
        for (int i = 0; i < result.length; i++) {
            result[i] = decoder.decode(outputBuffer, i);
        }
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
        IllegalStateException failed = new IllegalStateException("closing the onnxruntime session failed");
        closeAll(output, input, session, options, failed);
        if (failed.getSuppressed().length > 0) {
            throw failed;
        }
    }

    /** Closes everything given (nulls skipped); a session close failure is added to {@code into}. */
    private static void closeAll(OnnxTensor out, OnnxTensor in, OrtSession session,
                                 OrtSession.SessionOptions options, Throwable into) {
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
                into.addSuppressed(OrtStatus.map("closing the session", e));
            }
        }
        options.close();
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    private static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }
}
