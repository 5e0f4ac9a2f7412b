package org.opbench.network.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.backend.onnxruntime.OrtDirs;
import org.opbench.backend.onnxruntime.OrtPrecision;
import org.opbench.backend.onnxruntime.OrtProfile;
import org.opbench.backend.onnxruntime.OrtSessionOptions;
import org.opbench.backend.onnxruntime.OrtStatus;
import org.opbench.backend.onnxruntime.PinnedOp;
import org.opbench.backend.onnxruntime.PinnedSession;
import org.opbench.network.profile.KernelTiming;
import org.opbench.network.spi.NameResolver;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/**
 * One ONNX Runtime session over a network file, input and output bound once as in the operator backend
 * ({@link PinnedSession}); {@code run()} is {@code OrtSession.run(inputs, pinnedOutputs)}. Profiling uses a second
 * session with ORT's profiler on, so the timed session never pays for it.
 */
final class OrtNetSession extends PinnedOp implements NetSession {
    private final OrtEnvironment env;
    private final NetRequest request;
    private final OptLevel level;
    private final boolean spin;
    private Path profileFile;
    private boolean closed;

    private OrtNetSession(OrtEnvironment env, NetRequest request, OptLevel level, boolean spin, PinnedSession pinned) {
        super(pinned);
        this.env = env;
        this.request = request;
        this.level = level;
        this.spin = spin;
    }

    /**
     * {@link #open} in the process-wide environment, with ONNX Runtime's exception mapped: {@link OrtNetworkBackend}
     * names no ONNX Runtime exception type in a catch clause, so that it can be created (and listed as unavailable)
     * in a build without the ONNX Runtime jar, such as the GPU check bundle.
     */
    static OrtNetSession openMapped(NetRequest r, OptLevel level, boolean spin) throws BackendException {
        try {
            return open(OrtSessionOptions.environment(), r, level, spin);
        } catch (OrtException e) {
            throw OrtStatus.map("environment", e);
        }
    }

    static OrtNetSession open(OrtEnvironment env, NetRequest r, OptLevel level, boolean spin)
            throws BackendException, OrtException {
        OrtSession.SessionOptions options = OrtSessionOptions.create(OrtProvider.CPU, level, r.threads(), spin, null);
        PinnedSession pinned = PinnedSession.open(env, options, o -> env.createSession(r.model().toString(), o),
                r.input(), r.inputData(), r.inputShape(), r.output(), r.outputShape(),
                String.valueOf(r.model().getFileName()));
        return new OrtNetSession(env, r, level, spin, pinned);
    }

    /**
     * fp32 models: what {@link OrtPrecision} states for the CPU provider. A QDQ int8 model: int8 (s8 weights, u8
     * activations, s32 accumulation), which is what the provider runs where it fuses the Q/DQ pairs into QLinearConv,
     * QGemm and the like; {@link #details()} counts the integer kernels of the optimised graph.
     */
    @Override
    public Execution execution() {
        String impl = "CPUExecutionProvider " + level.name();
        if (request.int8()) {
            return new Execution(request.algorithm(), impl + " QDQ int8", Numerics.INT8, Transform.NONE);
        }
        return OrtPrecision.execution(OrtProvider.CPU, request.algorithm(), impl);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("graph_optimization", level.name());
        d.put("intra_op_threads", request.threads());
        d.put("inter_op_threads", 1);
        d.put("spinning", spin);
        if (profileFile != null && keepProfile()) {
            d.put("ort_profile_file", profileFile.toString());
        }
        if (request.int8()) {
            try {
                Map<String, Integer> ops = OrtQdq.optimizedOps(request.model(), level,
                        OrtDirs.profileDir(null).resolveSibling("optimized"));
                d.put("ort_optimized_ops", ops);
                d.put("integer_kernels", OrtQdq.integerKernels(ops));
            } catch (IOException | RuntimeException e) {
                d.put("ort_optimized_ops_error", e.getMessage());
            }
        }
        return d;
    }

    /**
     * A second session with ORT's profiler on: one untimed run, then {@code runs} profiled runs; each kernel's
     * median duration over those runs.
     */
    @Override
    public List<KernelTiming> profile(int runs) throws BackendException {
        Path dir;
        try {
            dir = OrtDirs.profileDir(request.option("profile_dir", null));
        } catch (IOException e) {
            throw new BackendException("cannot create the onnxruntime profile folder: " + e, e);
        }
        String prefix = dir.resolve("net_" + request.graph().name().replaceAll("[^A-Za-z0-9._-]", "_") + "_b"
                + request.inputShape()[0] + "_" + request.algorithm() + "_t" + request.threads()).toString();
        OrtProfile p;
        try (OrtSession.SessionOptions so = OrtSessionOptions.create(OrtProvider.CPU, level, request.threads(), spin,
                prefix); OrtSession s = env.createSession(request.model().toString(), so)) {
            for (int i = 0; i <= runs; i++) {
                pinned.runOn(s);
            }
            profileFile = Path.of(s.endProfiling());
            p = OrtProfile.parse(profileFile);
        } catch (OrtException e) {
            throw OrtStatus.map("profiling session", e);
        } catch (IOException e) {
            throw new BackendException("cannot read the onnxruntime profile: " + e, e);
        }
        return medians(p, new NameResolver(request.graph(), request.layers()));
    }

    /** Median per kernel name over the profile's runs after the first. */
    static List<KernelTiming> medians(OrtProfile p, NameResolver names) {
        Map<String, List<Long>> times = new LinkedHashMap<>();
        Map<String, String> ops = new LinkedHashMap<>();
        List<List<OrtProfile.KernelTime>> all = p.runKernels();
        List<List<OrtProfile.KernelTime>> runs = all.size() > 1 ? all.subList(1, all.size()) : all;
        for (List<OrtProfile.KernelTime> run : runs) {
            Map<String, Long> sum = new LinkedHashMap<>();
            for (OrtProfile.KernelTime k : run) {
                sum.merge(k.kernel().node(), k.us(), Long::sum);
                ops.putIfAbsent(k.kernel().node(), k.kernel().op());
            }
            sum.forEach((k, v) -> times.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        List<KernelTiming> out = new ArrayList<>();
        times.forEach((name, list) -> {
            long[] v = list.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(v);
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
            out.add(new KernelTiming(name, ops.get(name), median, names.resolve(name)));
        });
        return out;
    }

    /** Profiles are kept only where the user asked for them ({@code profile_dir}); otherwise deleted once parsed. */
    private boolean keepProfile() {
        return request.option("profile_dir", null) != null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pinned.close();
        if (profileFile != null && !keepProfile()) {
            try {
                Files.deleteIfExists(profileFile); // parsed; a network profile is megabytes per point
            } catch (IOException ignored) {
                // the folder is in opbench's cache
            }
        }
    }
}
