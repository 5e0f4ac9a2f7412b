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
 * An ONNX Runtime session whose one input and one output are tensors of a non-fp32 element type (u8 levels,
 * float16 or bfloat16), each over a direct buffer bound once, as {@link PinnedSession} does for fp32: ORT reads the
 * input in place and writes into the pinned output, so {@link #run()} converts nothing. {@link #output()} decodes
 * the output into floats afterwards ({@link Decoder}: dequantised levels, or 16-bit floats widened).
 */
final class TypedSession implements BoundSession {
    /** The float value of element {@code i} of the output buffer. */
    @FunctionalInterface
    interface Decoder {
        float decode(ByteBuffer out, int i);
    }

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

    private TypedSession(OrtSession.SessionOptions options, OrtSession session, String inputName, OnnxTensor input,
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
     * Creates the session from {@code model} and binds {@code src} (the input's bytes in native order, copied into
     * a direct buffer) as {@code inType} and an output of {@code outShape} as {@code outType}. Takes ownership of
     * {@code options}: closed here on failure, else by {@link #close()}.
     */
    static TypedSession open(OrtEnvironment env, OrtSession.SessionOptions options, byte[] model,
                             String inputName, byte[] src, long[] inShape, OnnxJavaType inType,
                             String outputName, long[] outShape, OnnxJavaType outType, Decoder decoder, String what)
            throws BackendException {
        OrtSession session = null;
        OnnxTensor in = null;
        OnnxTensor out = null;
        try {
            session = env.createSession(model, options);
            ByteBuffer inBuf = ByteBuffer.allocateDirect(src.length).order(ByteOrder.nativeOrder());
            inBuf.put(src).rewind();
            in = tensor(env, inBuf, inShape, inType);
            int outElements = Math.toIntExact(product(outShape));
            ByteBuffer outBuf = ByteBuffer.allocateDirect(Math.multiplyExact(outElements, outType.size))
                    .order(ByteOrder.nativeOrder());
            out = tensor(env, outBuf, outShape, outType);
            return new TypedSession(options, session, inputName, in, outputName, out, outBuf, outElements, decoder);
        } catch (OrtException e) {
            BackendException mapped = OrtStatus.map("session for " + what, e);
            closeAll(out, in, session, options, mapped);
            throw mapped;
        } catch (RuntimeException | Error e) {
            closeAll(out, in, session, options, e);
            throw e;
        }
    }

    /** 16-bit types go in as a ShortBuffer view (ORT takes FLOAT16/BFLOAT16 from one), bytes as they are. */
    private static OnnxTensor tensor(OrtEnvironment env, ByteBuffer buf, long[] shape, OnnxJavaType type)
            throws OrtException {
        if (type.size == 2) {
            return OnnxTensor.createTensor(env, buf.asShortBuffer(), shape, type);
        }
        return OnnxTensor.createTensor(env, buf, shape, type);
    }

    @Override
    public void run() throws BackendException {
        try (OrtSession.Result r = session.run(inputs, outputs)) {
            // the pinned output now holds the result; r owns nothing
        } catch (OrtException e) {
            throw OrtStatus.map("run", e);
        }
    }

    @Override
    public float[] output() {
        for (int i = 0; i < result.length; i++) {
            result[i] = decoder.decode(outputBuffer, i);
        }
        return result;
    }

    @Override
    public OrtSession session() {
        return session;
    }

    @Override
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

    private static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }
}
