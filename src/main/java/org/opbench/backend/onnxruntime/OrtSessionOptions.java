package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.Map;

/** Builds the {@link SessionOptions} of one point: threads, spinning, optimisation level, provider, profiling. */
public final class OrtSessionOptions {

    /**
     * The process-wide ONNX Runtime environment (ORT keeps one per process and returns it on later calls); the first
     * call loads the native library. Shared by the operator and network backends.
     */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "opbench");
    }
    /** ORT session config key: whether idle intra-op pool threads spin before sleeping. */
    static final String INTRA_SPIN = "session.intra_op.allow_spinning";
    /** ORT session config key: the same for the inter-op pool. */
    static final String INTER_SPIN = "session.inter_op.allow_spinning";

    private OrtSessionOptions() {
    }

    /**
     * Whether opbench knows how to register {@code provider} on a session; null if it does, else the reason.
     */
    public static String registrable(OrtProvider provider) {
        return switch (provider) {
            case CPU, CUDA, ROCM, DNNL, TENSOR_RT, XNNPACK, ACL, CORE_ML, DIRECT_ML, NNAPI -> null;
            default -> "opbench does not register execution provider " + provider.getName()
                    + " (it needs device or library options opbench has no setting for)";
        };
    }

    /**
     * Options for a session on {@code provider}. Intra-op threads = {@code threads} (the calling thread is one of
     * them, so ORT starts {@code threads - 1} pool threads), inter-op 1 with sequential execution (a one-node graph
     * has no parallel branches; whole networks are run the same way, one operator at a time, with all threads inside it). The caller closes the returned options after the session.
     *
     * @param profilePrefix file prefix for session profiling, or null for none
     */
    public static SessionOptions create(OrtProvider provider, OptLevel level, int threads, boolean spin,
                                 String profilePrefix) throws OrtException {
        SessionOptions so = new SessionOptions();
        try {
            so.setExecutionMode(ExecutionMode.SEQUENTIAL);
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.addConfigEntry(INTRA_SPIN, spin ? "1" : "0");
            so.addConfigEntry(INTER_SPIN, spin ? "1" : "0");
            String affinities = intraOpAffinities(threads);
            if (affinities != null) {
                so.addConfigEntry(org.opbench.env.Pinning.ORT_INTRA_OP_AFFINITIES, affinities);
            }
            so.setOptimizationLevel(level);
            if (profilePrefix != null) {
                so.enableProfiling(profilePrefix);
            }
            addProvider(so, provider, threads);
            return so;
        } catch (OrtException | RuntimeException e) {
            so.close();
            throw e;
        }
    }

    /**
     * The intra-op pool threads' CPUs in a worker pinned by {@code --pin} (one CPU each, see
     * {@link org.opbench.env.Pinning#ortIntraOpAffinities}), or null when the worker is not pinned or has one thread.
     */
    public static String intraOpAffinities(int threads) {
        return org.opbench.env.Pinning.ortIntraOpAffinities(org.opbench.env.Pinning.pinnedCpus(), threads);
    }

    /**
     * {@link #create}, with ONNX Runtime's exception mapped ({@link OrtStatus#map}). The backends call this one, so
     * that their own classes name no ONNX Runtime exception type in a catch clause: the JVM loads such a type when it
     * verifies the class, and a build without the ONNX Runtime jar (the GPU check bundle) must still be able to
     * create the backends and list them as unavailable.
     */
    public static SessionOptions createMapped(OrtProvider provider, OptLevel level, int threads, boolean spin,
                                              String profilePrefix) throws org.opbench.spi.BackendException {
        try {
            return create(provider, level, threads, spin, profilePrefix);
        } catch (OrtException e) {
            throw OrtStatus.map("session options", e);
        }
    }

    private static void addProvider(SessionOptions so, OrtProvider provider, int threads) throws OrtException {
        switch (provider) {
            case CPU -> {
                // always present: ORT appends the CPU provider itself as the fallback of every session
            }
            case CUDA -> so.addCUDA();
            case ROCM -> so.addROCM();
            case DNNL -> so.addDnnl(true);
            case TENSOR_RT -> so.addTensorrt(0);
            case XNNPACK -> so.addXnnpack(Map.of("intra_op_num_threads", Integer.toString(threads)));
            case ACL -> so.addACL(true);
            case CORE_ML -> so.addCoreML();
            case DIRECT_ML -> so.addDirectML(0);
            case NNAPI -> so.addNnapi();
            default -> throw new IllegalArgumentException(registrable(provider));
        }
    }
}
