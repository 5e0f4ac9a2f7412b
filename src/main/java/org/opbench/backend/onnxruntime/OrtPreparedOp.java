package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opbench.onnx.SingleNodeModels;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;

/**
 * One ONNX Runtime session over a one-node model, with its input and output bound once.
 *
 * <p>The input is an {@link OnnxTensor} over a direct {@link FloatBuffer} (ORT uses the memory in place), and the
 * output is <em>pinned</em>: a second tensor over a direct buffer passed to
 * {@link OrtSession#run(Map, Map)}, into which ORT writes, so no output tensor is created per run. What the
 * 1.29 Java binding still allocates per {@code run} is its bookkeeping: name and handle arrays, the boolean
 * ownership array the native call returns, and the {@link OrtSession.Result} with its map and list (about 400-440
 * bytes of short-lived Java objects; ORT's CPU arena grows only in the first run, profiles show
 * {@code mem_arena_held_delta} 0 afterwards, and nothing is copied out). The result owns none of its values
 * (the pinned output is ours), and it is closed at once.
 */
final class OrtPreparedOp implements PreparedOp {
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final OnnxTensor input;
    private final OnnxTensor output;
    private final FloatBuffer outputBuffer;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;
    private final float[] result;
    private final String providerName;
    private final String opType;
    private final Map<String, Object> settings;
    private final boolean profiling;
    private OrtProfile profile;
    private String profileError;
    private Path profileFile;
    private boolean closed;

    private OrtPreparedOp(OrtSession.SessionOptions options, OrtSession session, OnnxTensor input, OnnxTensor output,
                          FloatBuffer outputBuffer, String providerName, String opType, Map<String, Object> settings,
                          boolean profiling) {
        this.options = options;
        this.session = session;
        this.input = input;
        this.output = output;
        this.outputBuffer = outputBuffer;
        this.inputs = Collections.singletonMap(SingleNodeModels.INPUT, input);
        this.outputs = Collections.singletonMap(SingleNodeModels.OUTPUT, output);
        this.result = new float[outputBuffer.capacity()];
        this.providerName = providerName;
        this.opType = opType;
        this.settings = settings;
        this.profiling = profiling;
    }

    /**
     * Creates the session from {@code model} and binds {@code src} (copied into a direct buffer) and an output of
     * {@code outShape}. Takes ownership of {@code options}: closed here on failure, else by {@link #close()}.
     */
    static OrtPreparedOp open(OrtEnvironment env, OrtSession.SessionOptions options, byte[] model, float[] src,
                              long[] inShape, long[] outShape, String providerName, String opType,
                              Map<String, Object> settings, boolean profiling) throws BackendException {
        OrtSession session = null;
        OnnxTensor in = null;
        OnnxTensor out = null;
        try {
            session = env.createSession(model, options);
            FloatBuffer inBuf = directFloats(src.length);
            inBuf.put(src).rewind();
            in = OnnxTensor.createTensor(env, inBuf, inShape);
            FloatBuffer outBuf = directFloats(Math.toIntExact(product(outShape)));
            out = OnnxTensor.createTensor(env, outBuf, outShape);
            return new OrtPreparedOp(options, session, in, out, outBuf, providerName, opType, settings, profiling);
        } catch (OrtException e) {
            BackendException mapped = OrtStatus.map("session for " + opType, e);
            suppress(mapped, closeAll(out, in, session, options));
            throw mapped;
        } catch (RuntimeException | Error e) {
            suppress(e, closeAll(out, in, session, options));
            throw e;
        }
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
        outputBuffer.get(0, result);
        return result;
    }

    /**
     * {@code <provider>:<op>}, e.g. {@code CPUExecutionProvider:Conv}; with profiling, the kernels ORT ran in the
     * last profiled run follow, e.g. {@code CPUExecutionProvider:Conv kernels=ReorderInput,Conv[y_nchwc],ReorderOutput}.
     */
    @Override
    public String impl() {
        String head = providerName + ":" + opType;
        OrtProfile p = finishProfile();
        if (p == null || p.kernels().isEmpty()) {
            return head;
        }
        return head + " kernels=" + p.kernelList(providerName);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>(settings);
        OrtProfile p = finishProfile();
        if (p != null) {
            d.put("ort_profile_file", profileFile.toString());
            d.putAll(p.details(providerName));
        } else if (profileError != null) {
            d.put("ort_profile_error", profileError);
        }
        return Collections.unmodifiableMap(d);
    }

    /** Ends profiling once (after timing) and parses the profile ORT wrote; null without profiling. */
    private OrtProfile finishProfile() {
        if (!profiling || closed || profile != null || profileError != null) {
            return profile;
        }
        try {
            profileFile = Path.of(session.endProfiling());
            profile = OrtProfile.parse(profileFile);
        } catch (OrtException | IOException | UncheckedIOException e) {
            profileError = e.toString();
        }
        return profile;
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
