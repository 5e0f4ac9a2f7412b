package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opbench.onnx.SingleNodeModels;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;

/**
 * One ONNX Runtime session over a one-node model, with its input and output bound once ({@link PinnedSession}:
 * fp32 input over a direct buffer, pinned output; likewise for u8, float16 and bfloat16
 * tensors), and ORT's profile read after timing where profiling is on.
 */
final class OrtPreparedOp implements PreparedOp {
    private final PinnedSession pinned;
    private final Execution execution;
    private final String providerName;
    private final Map<String, Object> settings;
    private final boolean profiling;
    private OrtProfile profile;
    private String profileError;
    private Path profileFile;

    private OrtPreparedOp(PinnedSession pinned, Execution execution, String providerName,
                          Map<String, Object> settings, boolean profiling) {
        this.pinned = pinned;
        this.providerName = providerName;
        this.execution = execution;
        this.settings = settings;
        this.profiling = profiling;
    }

    /**
     * Creates the session from {@code model} and binds {@code src} (copied into a direct buffer) and an output of
     * {@code outShape}. Takes ownership of {@code options}: closed here on failure, else by {@link #close()}.
     */
    static OrtPreparedOp open(OrtEnvironment env, OrtSession.SessionOptions options, byte[] model, float[] src,
                              long[] inShape, long[] outShape, OrtProvider provider, String algorithm,
                              String opType, Map<String, Object> settings, boolean profiling)
            throws BackendException {
        PinnedSession pinned = PinnedSession.open(env, options, o -> env.createSession(model, o),
                SingleNodeModels.INPUT, src, inShape, SingleNodeModels.OUTPUT, outShape, opType);
        Execution execution = OrtPrecision.execution(provider, algorithm, provider.getName() + ":" + opType);
        return new OrtPreparedOp(pinned, execution, provider.getName(), settings, profiling);
    }

    /**
     * A prepared op over a session already bound ({@link PinnedSession#openTyped}) that ran as {@code execution}; takes
     * ownership of {@code session}.
     */
    static OrtPreparedOp of(PinnedSession session, Execution execution, OrtProvider provider,
                            Map<String, Object> settings, boolean profiling) {
        return new OrtPreparedOp(session, execution, provider.getName(), settings, profiling);
    }

    @Override
    public void run() throws BackendException {
        pinned.run();
    }

    @Override
    public float[] output() {
        return pinned.output();
    }

    /**
     * The provider's formats and transform ({@link OrtPrecision}), with the impl {@code <provider>:<op>}, e.g.
     * {@code CPUExecutionProvider:Conv}; with profiling, the kernels ORT ran in the last profiled run follow, e.g.
     * {@code CPUExecutionProvider:Conv kernels=ReorderInput,Conv[y_nchwc],ReorderOutput}.
     */
    @Override
    public Execution execution() {
        OrtProfile p = finishProfile();
        if (p == null || p.kernels().isEmpty()) {
            return execution;
        }
        return execution.withImpl(execution.impl() + " kernels=" + p.kernelList(providerName));
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
        if (!profiling || pinned.isClosed() || profile != null || profileError != null) {
            return profile;
        }
        try {
            profileFile = Path.of(pinned.session().endProfiling());
            profile = OrtProfile.parse(profileFile);
        } catch (OrtException | IOException | UncheckedIOException e) {
            profileError = e.toString();
        }
        return profile;
    }

    @Override
    public void close() {
        pinned.close();
    }
}
