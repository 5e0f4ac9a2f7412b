package org.opbench.backend.opencl;

import java.io.IOException;
import org.opbench.problem.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.backend.opencl.cl.Cl;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.backend.opencl.cl.ClDevice;
import org.opbench.backend.opencl.cl.ClDevices;
import org.opbench.backend.opencl.cl.ClException;
import org.opbench.backend.opencl.cl.Launch;
import org.opbench.backend.opencl.cl.ProgramCache;
import org.opbench.backend.opencl.ops.ClOperator;
import org.opbench.backend.opencl.ops.KernelSources;
import org.opbench.backend.opencl.ops.KernelSpec;
import org.opbench.backend.opencl.ops.Operators;
import org.opbench.backend.opencl.tune.Budget;
import org.opbench.backend.opencl.tune.LocalSizes;
import org.opbench.backend.opencl.tune.TunedConfig;
import org.opbench.backend.opencl.tune.Tuner;
import org.opbench.backend.opencl.tune.TuningFile;
import org.opbench.env.OpbenchHome;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;

/**
 * opbench's own OpenCL kernels ({@code operators/*.cl}) on any OpenCL device, with a local-work-size and tiling
 * tuner. Options ({@code --option opencl.KEY=VALUE}): {@code device} (index or name substring; default the first
 * GPU, else the first device) and {@code cache_dir} (program binaries and the tuning file; default
 * {@code opencl/} under opbench's cache directory).
 */
public final class OpenClBackend implements Backend {
    public static final String NAME = "opencl";
    public static final String OPTION_CACHE = "cache_dir";
    /** Option: the rapid and exhaustive tuners' search budget per point, in seconds (default 10). */
    public static final String OPTION_TUNE_BUDGET = "tune_budget";
    static final String BINDING = "org.bytedeco:opencl-platform:3.0-1.5.13";

    private List<ClDevice> devices;
    private String unavailable;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> optionKeys() {
        return List.of(DeviceSelector.OPTION, OPTION_TUNE_BUDGET, OPTION_CACHE);
    }

    @Override
    public synchronized Availability probe() {
        devices = null;
        unavailable = null;
        List<ClDevice> list;
        try {
            list = ClDevices.list();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            unavailable = "the OpenCL binding (" + BINDING + ") could not load: " + e;
            return Availability.unavailable(unavailable);
        } catch (ClException e) {
            unavailable = "listing OpenCL devices failed: " + e.getMessage();
            return Availability.unavailable(unavailable);
        }
        if (list.isEmpty()) {
            unavailable = "no OpenCL platform or device found by the ICD loader (install a driver, e.g. Debian's "
                    + "pocl-opencl-icd for CPUs)";
            return Availability.unavailable(unavailable);
        }
        Path kernels;
        try {
            kernels = KernelSources.directory();
        } catch (IOException e) {
            unavailable = e.getMessage();
            return Availability.unavailable(unavailable);
        }
        devices = List.copyOf(list);
        ClDevice dflt = DeviceSelector.select(devices, null);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("binding", BINDING);
        details.put("kernels", kernels.toString());
        details.put("default_device", Integer.toString(dflt.index()));
        for (ClDevice d : devices) {
            details.put("device." + d.index(), d.summary());
        }
        return Availability.available(dflt.platformVersion() + "; driver " + dflt.driverVersion(),
                deviceLabel(dflt), details);
    }

    private synchronized List<ClDevice> devices() throws BackendException {
        if (devices == null && unavailable == null) {
            probe();
        }
        if (devices == null) {
            throw new UnsupportedException("opencl backend unavailable: " + unavailable);
        }
        return devices;
    }

    /** The device string of points run on {@code d}; ceilings of the device ({@link OpenClCeiling}) use it too. */
    static String deviceLabel(ClDevice d) {
        return "opencl:" + d.type() + ":" + d.name();
    }

    @Override
    public List<String> algorithms(Op op) {
        return Operators.algorithms(op);
    }

    @Override
    public List<String> tuners() {
        return Tuner.MODES;
    }

    @Override
    public Support supports(Problem problem, Variant variant) {
        if (problem.dtype() != Precision.F32) {
            return Support.no(precisionRefusal(problem.dtype(), variant));
        }
        String why = Operators.unsupported(problem, variant.algorithm());
        if (why != null) {
            return Support.no(why);
        }
        if (!Tuner.MODES.contains(variant.tuner())) {
            return Support.no("unknown tuner mode '" + variant.tuner() + "' (known: " + String.join(", ", Tuner.MODES)
                    + ")");
        }
        String budget = variant.option(OPTION_TUNE_BUDGET, null);
        if (budget != null) {
            try {
                Budget.parse(budget);
            } catch (IllegalArgumentException e) {
                return Support.no("option " + NAME + "." + OPTION_TUNE_BUDGET + ": " + e.getMessage());
            }
        }
        String opt = variant.option(DeviceSelector.OPTION, null);
        if (opt != null) {
            try {
                List<ClDevice> devs = devices();
                if (DeviceSelector.select(devs, opt) == null) {
                    return Support.no(DeviceSelector.mismatch(devs, opt));
                }
            } catch (BackendException e) {
                return Support.no(e.getMessage());
            }
        }
        return Support.YES;
    }

    /**
     * Why a problem of precision {@code dtype} (not f32) cannot run: f16 needs the device's {@code cl_khr_fp16}
     * (half arithmetic), and opbench's kernels in {@code operators/} have no half variant yet, so a device with the
     * extension is refused for that reason instead; int8 and bf16 have no kernels (OpenCL has no standard bf16).
     */
    private String precisionRefusal(Precision dtype, Variant variant) {
        return switch (dtype) {
            case F16 -> {
                String device;
                boolean fp16;
                try {
                    List<ClDevice> devs = devices();
                    ClDevice dev = DeviceSelector.select(devs, variant.option(DeviceSelector.OPTION, null));
                    if (dev == null) {
                        yield DeviceSelector.mismatch(devs, variant.option(DeviceSelector.OPTION, null));
                    }
                    device = dev.name();
                    fp16 = ClDevices.hasExtension(dev, "cl_khr_fp16");
                } catch (BackendException e) {
                    yield "f16 needs the OpenCL device's cl_khr_fp16, which could not be queried: " + e.getMessage();
                }
                yield fp16 ? "OpenCL device '" + device + "' reports cl_khr_fp16, but opbench's OpenCL kernels "
                        + "(operators/*.cl) have no half variant yet"
                        : "OpenCL device '" + device + "' does not report cl_khr_fp16 (not in its CL_DEVICE_EXTENSIONS):"
                        + " it has no half arithmetic for f16 kernels";
            }
            case INT8 -> "opbench's OpenCL kernels have no int8 variant (u8 activations, s8 weights, s32 sums and "
                    + "requantisation)";
            case BF16 -> "OpenCL has no standard bf16 type (only vendor extensions), and opbench's OpenCL kernels "
                    + "use none";
            case F32 -> throw new IllegalArgumentException("f32 is supported");
        };
    }

    @Override
    public PreparedOp prepare(Problem problem, Variant variant, ProblemData data) throws BackendException {
        supports(problem, variant).require();
        List<ClDevice> devs = devices();
        String opt = variant.option(DeviceSelector.OPTION, null);
        ClDevice dev = DeviceSelector.select(devs, opt);
        if (dev == null) {
            throw new UnsupportedException(DeviceSelector.mismatch(devs, opt));
        }
        Path cache = cacheDir(variant);
        ClOperator op = Operators.create(problem, variant.algorithm());
        ClContext ctx = ClContext.create(dev, new ProgramCache(cache.resolve("programs")));
        try {
            return prepare(ctx, dev, cache, op, problem, variant, data);
        } catch (ClException e) {
            ctx.close();
            throw Cl.classify(e);
        } catch (BackendException | RuntimeException | Error e) {
            ctx.close();
            throw e;
        }
    }

    private PreparedOp prepare(ClContext ctx, ClDevice dev, Path cache, ClOperator op, Problem problem,
                               Variant variant, ProblemData data) throws BackendException {
        op.setup(ctx, data);
        Tuner tuner = new Tuner(ctx, op);
        String mode = variant.tuner();
        TuningFile file = null;
        TunedConfig cfg = null;
        String fileInvalid = null;
        if (mode.equals("rapid") || mode.equals("exhaustive")) {
            file = new TuningFile(cache.resolve("tuning.json"));
            TuningFile.Key key = new TuningFile.Key(dev.name(), dev.driverVersion(), kernelId(op),
                    problem.descriptor(), variant.algorithm(), mode);
            TuningFile.Lookup found = file.read(key);
            fileInvalid = found.invalid();
            if (found.config() != null) {
                String why = invalid(found.config(), op, tuner, dev);
                if (why == null) {
                    cfg = found.config();
                } else {
                    fileInvalid = file.invalid(key, why);
                }
            }
            if (cfg == null) {
                String b = variant.option(OPTION_TUNE_BUDGET, null);
                cfg = tuner.choose(mode, key.toString().hashCode(),
                        Budget.seconds(b == null ? Budget.DEFAULT_SECONDS : Budget.parse(b)));
                file.store(key, cfg);
            }
        } else {
            cfg = tuner.choose(mode, 0);
        }
        List<KernelSpec> specs = tuner.kernels(cfg.variant());
        Launch[] launches = new Launch[specs.size()];
        List<String> names = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int i = 0; i < launches.length; i++) {
            launches[i] = ctx.launch(specs.get(i).kernel(), specs.get(i).work(), cfg.local(i));
            names.add(specs.get(i).kernel().name());
            described.add(launches[i].describe());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("device", dev.name());
        details.put("device_index", dev.index());
        details.put("device_type", dev.type());
        details.put("driver_version", dev.driverVersion());
        if (variant.algorithm().equals(Operators.AUTO)) {
            details.put("auto_choice", Operators.resolve(problem, Operators.AUTO));
        }
        details.put("tuner", mode);
        details.put("tuner_config", cfg.describe(names));
        details.put("tuning_ms", cfg.tuningMs());
        details.put("tuning_source", cfg.source());
        details.put("tuning_evaluated", cfg.evaluated());
        if (cfg.bestNanos() >= 0) {
            details.put("tuning_best_exec_ns", cfg.bestNanos());
        }
        TunedConfig.Evidence ev = cfg.evidence();
        if (ev != null) {
            details.put("untuned_us", ev.untunedUs());
            if (ev.gain() != null) {
                Map<String, Object> gain = new LinkedHashMap<>();
                gain.put("ratio", ev.gain().ratio());
                gain.put("lo", ev.gain().lo());
                gain.put("hi", ev.gain().hi());
                gain.put("rounds", ev.gain().rounds());
                gain.put("coverage", ev.gain().coverage());
                details.put("tuning_gain", gain);
            }
            details.put("tuning_decision", ev.decision());
        }
        if (!tuner.searchStats().isEmpty()) {
            details.put("tuning_search", new LinkedHashMap<>(tuner.searchStats()));
        }
        if (file != null) {
            details.put("tuning_file", file.path().toString());
        }
        if (fileInvalid != null) {
            details.put("tuning_file_invalid", fileInvalid + "; ignored and tuned again");
        }
        if (!tuner.skipped().isEmpty()) {
            details.put("tuning_skipped", new LinkedHashMap<>(tuner.skipped()));
        }
        details.put("kernels", described);
        details.put("program_build_ms", ctx.buildNanos() / 1e6);
        details.put("programs_built", ctx.builtFromSource());
        details.put("programs_from_cache", ctx.loadedFromCache());
        details.put("device_clock", "sum over kernels of END - QUEUED (queue overlap counted once)");
        // PoCL and GPU drivers compute fp32 (-cl-mad-enable fuses a*b+c, it does not narrow the format)
        Execution execution = Execution.f32(variant.algorithm(), op.impl(cfg.variant()), op.transform());
        return new ClPreparedOp(ctx, op, launches, problem.dstElements(), execution, details, cfg.tuningMs());
    }

    /**
     * Why a configuration read from the tuning file cannot run here, or null: its variant must be one of the
     * operator's, with one local size per kernel, each within the device's and the kernel's limits.
     */
    static String invalid(TunedConfig cfg, ClOperator op, Tuner tuner, ClDevice dev) throws BackendException {
        if (!op.variants().contains(cfg.variant())) {
            return "tiling {" + cfg.variant() + "} is not a variant of this operator";
        }
        List<KernelSpec> specs = tuner.kernels(cfg.variant());
        if (specs.size() != cfg.locals().size()) {
            return cfg.locals().size() + " local sizes for " + specs.size() + " kernels";
        }
        for (int i = 0; i < specs.size(); i++) {
            KernelSpec s = specs.get(i);
            String why = LocalSizes.violation(cfg.locals().get(i), s.work(), s.kernel().maxWorkGroupSize(), dev);
            if (why != null) {
                return s.kernel().name() + ": " + why;
            }
        }
        return null;
    }

    /** Source files and a hash of their text: a tuning result is reused only for the same kernel code. */
    private static String kernelId(ClOperator op) throws BackendException {
        StringBuilder text = new StringBuilder();
        for (String f : op.sources()) {
            try {
                text.append(f).append('\n').append(KernelSources.read(f));
            } catch (IOException e) {
                throw new BackendException("cannot read OpenCL kernel source " + f + ": " + e.getMessage(), e);
            }
        }
        return String.join("+", op.sources()) + "@" + ProgramCache.sha256(text.toString()).substring(0, 12);
    }

    /** Program binaries and the tuning file: option {@code cache_dir}, else {@code opencl/} in opbench's cache. */
    static Path cacheDir(Variant variant) {
        String opt = variant.option(OPTION_CACHE, null);
        if (opt != null && !opt.isBlank()) {
            return Path.of(opt);
        }
        return OpbenchHome.cacheDir().resolve(NAME);
    }

    /**
     * PoCL's kernel cache goes to {@code cacheDir/opencl/pocl} and its CPU device gets {@code threads} threads
     * (other drivers ignore both).
     */
    @Override
    public Map<String, String> workerEnvironment(int threads, Path cacheDir) {
        return Map.of("POCL_CACHE_DIR", cacheDir.resolve(NAME).resolve("pocl").toString(),
                "POCL_MAX_PTHREAD_COUNT", Integer.toString(threads));
    }
}
