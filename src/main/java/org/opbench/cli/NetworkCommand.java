package org.opbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.opbench.env.OpbenchHome;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.TimerCalibration;
import org.opbench.network.ModelException;
import org.opbench.network.run.ModelSource;
import org.opbench.network.run.NetworkBackends;
import org.opbench.network.run.NetworkDriver;
import org.opbench.network.run.NetworkJob;
import org.opbench.network.run.NetworkPlanner;
import org.opbench.network.run.PrecisionModel;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.problem.InputFileException;
import org.opbench.result.Json;
import org.opbench.result.NetworkRecord;
import org.opbench.result.Record;
import org.opbench.result.RunRecord;
import org.opbench.spi.Availability;
import org.opbench.supervisor.WorkerSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opbench network}: whole networks per backend, thread count and batch size, with per-layer profiles. */
@Command(name = "network", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time a whole network on each backend at each batch size: time per batch and per image, "
                + "throughput, latency percentiles, first-run time, peak memory, the output checked against ONNX "
                + "Runtime without optimisation, and each framework's per-layer profile.",
                "Records go to --out as 'network' and 'layer' records after a 'run' header."})
final class NetworkCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME|FILE",
            description = "a built-in network (opbench list networks) or an ONNX file")
    String model;

    @Option(names = {"-b", "--backends"}, paramLabel = "NAME[,NAME...]",
            description = "network backends (default: every available one of onnxruntime, opencv, tensorrt)")
    List<String> backends = new ArrayList<>();

    @Option(names = {"-a", "--algorithms"}, paramLabel = "NAME[,NAME...]",
            description = "'default', 'all' or names: onnxruntime cpu-all|cpu-layout|cpu-extended|cpu-basic|cpu-none,"
                    + " opencv winograd|no-winograd, tensorrt fp32|tf32|fp16|int8 (default: default)")
    List<String> algorithms = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "N[,N...]|auto", description = "batch sizes, or 'auto': double from 1 "
            + "until throughput stops improving, memory would run out or --max-batch (default: 1)")
    List<String> batch = new ArrayList<>();

    @Mixin
    ThreadOptions threads;

    @Option(names = "--option", paramLabel = "BACKEND.KEY=VALUE",
            description = "a backend option, e.g. onnxruntime.spin=true (repeatable)")
    List<String> options = new ArrayList<>();

    @Option(names = "--dtype", paramLabel = "f32|int8[,...]",
            description = "precisions: f32, int8 (the QDQ-quantised model opbench writes and calibrates; its output is "
                    + "checked against the fp32 network) (default: f32)")
    List<String> dtypes = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the weights of built-in networks and of the input (default: 1)")
    long seed;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "1024",
            description = "largest batch --batch auto tries (default: ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(names = "--min-gain", paramLabel = "PERCENT", defaultValue = "5",
            description = "--batch auto stops when doubling gains less throughput than this; -100 doubles until "
                    + "memory or --max-batch stops it (default: ${DEFAULT-VALUE})")
    double minGainPercent;

    @Option(names = "--max-memory", paramLabel = "MB",
            description = "a batch whose worker would exceed this resident memory is skipped (default: what the "
                    + "machine has available)")
    Long maxMemoryMb;

    @Option(names = "--profile-runs", paramLabel = "N", defaultValue = "5",
            description = "runs under each framework's profiler for the layer records; 0 for none (default: "
                    + "${DEFAULT-VALUE})")
    int profileRuns;

    @Option(names = "--tolerance", paramLabel = "REL_ERR",
            description = "largest accepted relative error of the output against ONNX Runtime without optimisation "
                    + "(default: 1e-4, 5e-3 with Winograd)")
    Double tolerance;

    @Mixin
    InputShapeOptions inputShapes = new InputShapeOptions();

    @Mixin
    MeasureOptions measure;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        MeasureSettings settings = measure.settings();
        boolean auto = batch.size() == 1 && batch.get(0).strip().equals("auto");
        List<Integer> batches = auto ? List.of(1) : Inputs.positiveInts("--batch", batch);
        if (batches.isEmpty()) {
            batches = List.of(1);
        }
        List<Integer> threadList = threads.list();
        if (maxBatch < 1 || minGainPercent < -100 || profileRuns < 0 || (maxMemoryMb != null && maxMemoryMb < 1)
                || (tolerance != null && !(tolerance > 0))) {
            throw new UsageError("--max-batch, --max-memory and --tolerance must be positive, --profile-runs not "
                    + "negative, --min-gain at least -100");
        }
        if (output.pointTimeout <= 0) {
            throw new UsageError("invalid value for --point-timeout: must be positive");
        }
        if (output.resume && auto) {
            throw new UsageError("--resume needs a --batch list: a resumed --batch auto would not know where its "
                    + "doubling stopped (rerun with --force)");
        }
        if (output.resume && output.out == null) {
            throw new UsageError("--resume needs --out FILE: the result file to continue");
        }
        List<String> precisionIds;
        try {
            precisionIds = PrecisionModel.parse(dtypes);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        WorkerSpec ws = WorkerOptions.spec(output);
        WorkerOptions.checkLauncher(ws);
        Map<String, Object> pin = new java.util.LinkedHashMap<>();
        ws = WorkerOptions.pin(ws, output, threadList, spec.commandLine().getErr(), pin);
        NetworkBackends all = NetworkBackends.load();
        List<String> names = Inputs.names("--backends", backends);
        Inputs.checkOptionBackends(Inputs.backendOptions(options), all.names());
        if (names.isEmpty()) {
            for (NetworkBackend b : all.all()) {
                if (all.availability(b).available()) {
                    names.add(b.name());
                }
            }
        }
        org.opbench.network.InputShapes given = inputShapes.shapes();
        Path path = output.out;
        try (ResultSession session = ResultSession.prepare(err, path, ResultSession.Mode.of(output),
                ResultSession.files(List.of(model)))) {
            Path cache = OpbenchHome.cacheDir();
            ModelSource source;
            try {
                err.println("opbench: preparing " + model + "...");
                err.flush();
                source = ModelSource.resolve(model, cache, seed, given);
            } catch (ModelException e) {
                throw new UsageError("cannot use --model: " + e.getMessage());
            }
            List<PrecisionModel> precisions = new ArrayList<>();
            for (String p : precisionIds) {
                if (p.equals("int8")) {
                    Availability ort = all.availability(all.get("onnxruntime"));
                    if (!ort.available()) {
                        throw new UsageError("--dtype int8: the int8 model is calibrated on ONNX Runtime, which is "
                                + "unavailable here (" + ort.reason() + ")");
                    }
                    err.println("opbench: quantising " + source.name() + " to int8 (QDQ, calibrated on ONNX Runtime)...");
                    err.flush();
                }
                try {
                    precisions.add(PrecisionModel.of(source, p, seed));
                } catch (ModelException e) {
                    throw new UsageError("cannot use --model at --dtype " + p + ": " + e.getMessage());
                }
            }
            List<NetworkRecord> previous = session.resumed() ? session.previous().networks() : List.of();
            Set<String> done = new HashSet<>();
            for (NetworkRecord n : previous) {
                if (!source.digest().equals(n.modelDigest())) {
                    throw new UsageError("cannot resume: --out " + path + " holds results of model " + n.model()
                            + " (digest " + n.modelDigest() + "), not of " + source.name() + " (digest "
                            + source.digest() + ") with this --seed");
                }
                done.add(NetworkPlanner.key(n.backend(), n.algorithm(), n.threads(), n.batch(), n.dtypeOrF32()));
            }
            List<String> algs = Inputs.names("--algorithms", algorithms);
            NetworkPlanner planner = new NetworkPlanner(source, names, algs.isEmpty() ? List.of("default") : algs,
                    threadList, batches, auto, maxBatch, minGainPercent / 100, maxMemoryMb, profileRuns,
                    tolerance, Inputs.backendOptions(options), settings, seed, cache, precisions);
            List<NetworkJob> jobs;
            try {
                jobs = planner.plan(all, done);
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            for (String n : names) {
                Availability a = all.availability(all.get(n));
                if (!a.available()) {
                    err.println("opbench: network backend " + n + " is unavailable here (" + a.reason() + ")");
                }
            }
            session.open();
            List<Record> records = Collections.synchronizedList(new ArrayList<>(previous));
            if (output.resume && jobs.isEmpty()) {
                err.println("opbench: every requested batch is already in " + path + "; nothing to measure");
                NetworkSummary.print(out, new ArrayList<>(records));
                return 0;
            }
            if (!done.isEmpty()) {
                err.println("opbench: resuming " + path + ": the " + done.size() + " batches measured there are "
                        + "not measured again");
            }
            TimerCalibration timer = session.calibrate();
            org.opbench.env.SystemCheck.Report system = RunHeader.systemCheck(err);
            if (path != null) {
                session.write(header(all, names, source, planner, timer, system, pin));
                err.println("opbench: writing " + path);
            }
            NetworkDriver driver = new NetworkDriver(all, ws, source, new NetworkDriver.Listener() {
                @Override
                public void record(Record record) {
                    session.write(record);
                    records.add(record);
                    if (!output.quiet && record instanceof NetworkRecord n) {
                        err.println(NetworkSummary.progressLine(n));
                        err.flush();
                    }
                }

                @Override
                public void notice(String message) {
                    err.println("opbench: " + message);
                    err.flush();
                }
            });
            session.measure(() -> driver.run(jobs), driver::abort, () -> "opbench: interrupted"
                    + (path != null ? "; the records measured so far are in " + path : ""));
            NetworkSummary.print(out, new ArrayList<>(records));
        }
        if (path != null) {
            err.println("opbench: results in " + path);
        }
        err.flush();
        return 0;
    }

    private RunRecord header(NetworkBackends all, List<String> names, ModelSource source, NetworkPlanner p,
                             TimerCalibration timer, org.opbench.env.SystemCheck.Report system,
                             Map<String, Object> pin) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "network");
        s.put("model", source.name());
        s.put("model_file", source.runFile().toString());
        s.put("model_digest", source.digest());
        Map<String, Object> files = new LinkedHashMap<>();
        for (PrecisionModel m : p.precisions()) {
            files.put(m.dtype(), Map.of("file", m.file().toString(), "bytes", m.bytes()));
        }
        s.put("dtypes", files);
        s.put("backends", names);
        s.put("algorithms", p.algorithms());
        s.put("threads", p.threads());
        s.put("batches", p.auto() ? "auto" : p.batches());
        s.put("max_batch", p.maxBatch());
        s.put("min_gain", p.minGain());
        s.put("max_memory_mb", p.maxMemoryMb());
        s.put("profile_runs", p.profileRuns());
        s.put("resumed", output.resume);
        s.put("tolerance", p.tolerance());
        s.put("options", p.options());
        s.put("measure", Json.mapper().convertValue(p.settings(), Map.class));
        s.put("system_check", system);
        s.putAll(pin);
        return RunHeader.of(spec.commandLine().getParseResult().originalArgs(), false, seed,
                RunHeader.libraries(all.all(), NetworkBackend::name, all::availability), timer, s);
    }
}
