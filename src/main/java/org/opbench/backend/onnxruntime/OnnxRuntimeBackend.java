package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import org.opbench.problem.Precision;
import ai.onnxruntime.OrtEpDevice;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.onnx.SingleNodeModels;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.Variant;

/**
 * ONNX Runtime (Java binding 1.29, CPU build) running a one-node ONNX model per problem
 * ({@link SingleNodeModels}; bf16, f16 and int8 points: {@link OrtReduced}).
 *
 * <p>Algorithms are {@code <ep>-<opt>}: an execution provider the loaded library offers ({@code cpu} here) and a
 * graph optimisation level ({@code all}, {@code layout}, {@code extended}, {@code basic}, {@code none});
 * {@code cpu-all}, ORT's default, comes first. Options ({@code --option onnxruntime.KEY=VALUE}):
 * <ul>
 *   <li>{@code profile=true|false} (false): session profiling; after timing, per-run kernel time from the profile
 *       goes into {@code details} ({@code ort_kernel_us_median}, ...) and the kernels into {@code impl}.</li>
 *   <li>{@code spin=true|false} (false): whether idle intra-op pool threads spin (see {@link #DEFAULT_SPIN}).</li>
 *   <li>{@code profile_dir=PATH}: where profiles go (default {@code <cacheDir>/onnxruntime/profiles}).</li>
 * </ul>
 */
public final class OnnxRuntimeBackend implements Backend {
    public static final String NAME = "onnxruntime";

    /**
     * Spinning is off by default: with it on, the pool threads of a multi-threaded session keep a core busy between
     * runs (and while the driver copies or checks results), which on a machine shared with other work, or with as
     * many threads as cores, takes that core from whatever else runs, and makes back-to-back repetitions look faster
     * than a run issued after any pause. {@code spin=true} gives ORT's own default for comparison.
     */
    static final boolean DEFAULT_SPIN = false;

    private static final Set<String> OPTIONS = Set.of("profile", "spin", "profile_dir");

    private volatile EnumSet<OrtProvider> providers;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> optionKeys() {
        return List.copyOf(new java.util.TreeSet<>(OPTIONS));
    }

    @Override
    public Availability probe() {
        return OrtProbe.probe(this::describe);
    }

    /** The providers, execution-provider devices and binding of the loaded environment; remembers the providers. */
    private Availability describe(OrtEnvironment e) throws OrtException {
        EnumSet<OrtProvider> p = OrtEnvironment.getAvailableProviders();
        providers = p;
        Map<String, String> details = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (OrtProvider op : p) {
            names.add(op.getName());
        }
        details.put("providers", String.join(",", names));
        String device = "cpu";
        List<String> devices = new ArrayList<>();
        for (OrtEpDevice d : e.getEpDevices()) {
            devices.add(d.getEpName() + "@" + d.getDevice().getType() + ":" + d.getDevice().getVendor());
            if (d.getEpName().equals(OrtProvider.CPU.getName())) {
                device = "cpu:" + d.getDevice().getVendor();
            }
        }
        details.put("ep_devices", String.join(",", devices));
        details.put("binding", "onnxruntime-java " + e.getVersion());
        return Availability.available(e.getVersion(), device, details);
    }

    /** The {@code <ep>-<opt>} names over the providers found by {@link #probe()} (only {@code cpu} before it). */
    @Override
    public List<String> algorithms(Op op) {
        List<String> eps = new ArrayList<>();
        eps.add("cpu");
        EnumSet<OrtProvider> p = providers;
        if (p != null) {
            for (OrtProvider provider : p) {
                if (OrtSessionOptions.registrable(provider) == null) {
                    eps.add(OrtAlgorithm.epKey(provider.name()));
                }
            }
        }
        return OrtAlgorithm.names(eps);
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        String large = SingleNodeModels.tooLarge(problem);
        if (large != null) {
            return Support.no(large);
        }
        if (!variant.tuner().equals("none")) {
            return Support.no("onnxruntime has no tuner modes (only 'none')");
        }
        for (String key : variant.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                return Support.no("unknown option onnxruntime." + key + " (known: profile, spin, profile_dir)");
            }
        }
        for (String key : new String[] {"profile", "spin"}) {
            String v = variant.option(key, "false");
            if (!v.equals("true") && !v.equals("false")) {
                return Support.no("option onnxruntime." + key + " must be true or false, not '" + v + "'");
            }
        }
        OrtAlgorithm alg = OrtAlgorithm.parse(variant.algorithm());
        if (alg == null) {
            return Support.no("unknown onnxruntime algorithm '" + variant.algorithm()
                    + "' (expected <ep>-<opt>, e.g. " + String.join(", ", algorithms(problem.op())) + ")");
        }
        OrtProvider provider = provider(alg.ep());
        if (provider == null) {
            return Support.no("'" + alg.ep() + "' is not an ONNX Runtime execution provider");
        }
        EnumSet<OrtProvider> p = providers;
        if (p == null) {
            return Support.no("onnxruntime was not probed (or failed to load), so its providers are unknown");
        }
        if (!p.contains(provider)) {
            return Support.no("execution provider " + provider.getName() + " is not in this ONNX Runtime build"
                    + " (available: " + p + ")");
        }
        String reason = OrtSessionOptions.registrable(provider);
        if (reason == null && problem.dtype() != Precision.F32) {
            reason = OrtReduced.unsupported(problem, provider);
        }
        return reason == null ? Support.YES : Support.no(reason);
    }

    private static OrtProvider provider(String epKey) {
        for (OrtProvider p : OrtProvider.values()) {
            if (OrtAlgorithm.epKey(p.name()).equals(epKey)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException {
        if (providers == null) {
            Availability a = probe();
            if (!a.available()) {
                throw new BackendException(a.reason());
            }
        }
        supports(problem, variant).require();
        OrtAlgorithm alg = OrtAlgorithm.parse(variant.algorithm());
        OrtProvider provider = provider(alg.ep());
        boolean profile = Boolean.parseBoolean(variant.option("profile", "false"));
        boolean spin = Boolean.parseBoolean(variant.option("spin", Boolean.toString(DEFAULT_SPIN)));
        String prefix = null;
        if (profile) {
            try {
                Path dir = OrtDirs.profileDir(variant.option("profile_dir", null));
                prefix = dir.resolve(profileName(problem, alg, variant.threads())).toString();
            } catch (IOException e) {
                throw new BackendException("cannot create the onnxruntime profile folder: " + e, e);
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("ep", provider.getName());
        settings.put("graph_optimization", alg.opt().id);
        settings.put("intra_op_threads", variant.threads());
        settings.put("inter_op_threads", 1);
        settings.put("spinning", spin);
        String affinities = OrtSessionOptions.intraOpAffinities(variant.threads());
        if (affinities != null) {
            settings.put("intra_op_thread_affinities", affinities);
        }
        settings.put("onnx_opset", SingleNodeModels.OPSET);
        if (problem.dtype() != Precision.F32) {
            return OrtReduced.open(problem, data, OrtSessionOptions.createMapped(provider, level(alg.opt()),
                    variant.threads(), spin, prefix), provider, variant.algorithm(), settings, profile);
        }
        byte[] model = SingleNodeModels.build(problem, data);
        OrtSession.SessionOptions options =
                OrtSessionOptions.createMapped(provider, level(alg.opt()), variant.threads(), spin, prefix);
        return OrtPreparedOp.open(OrtSessionOptions.environment(), options, model, data.src(),
                SingleNodeModels.inputShape(problem), SingleNodeModels.outputShape(problem), provider,
                variant.algorithm(), SingleNodeModels.opType(problem), settings, profile);
    }

    private static OrtSession.SessionOptions.OptLevel level(OrtAlgorithm.Opt opt) {
        return switch (opt) {
            case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            case LAYOUT -> OrtSession.SessionOptions.OptLevel.LAYOUT_OPT;
            case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
        };
    }

    /** A profile file prefix naming the point (ORT appends a timestamp and {@code .json}). */
    private static String profileName(Problem problem, OrtAlgorithm alg, int threads) {
        String d = problem.descriptor().replace(':', '_');
        if (d.length() > 120) {
            d = d.substring(0, 120);
        }
        return "ort_" + problem.op().id() + "_" + d + "_" + alg.name() + "_t" + threads;
    }

    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return OrtDirs.workerEnvironment(cacheDir);
    }
}
