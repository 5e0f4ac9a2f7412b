package org.opbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.opbench.env.HostProbe;
import org.opbench.env.OpbenchHome;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.TimerCalibration;
import org.opbench.network.ModelException;
import org.opbench.network.run.ModelSource;
import org.opbench.network.run.NetworkBackends;
import org.opbench.network.run.NetworkDriver;
import org.opbench.network.run.NetworkJob;
import org.opbench.network.run.NetworkPlanner;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.problem.InputFileException;
import org.opbench.result.Json;
import org.opbench.result.JsonlWriter;
import org.opbench.result.NetworkRecord;
import org.opbench.result.Record;
import org.opbench.result.ResultReader;
import org.opbench.result.RunRecord;
import org.opbench.result.TimerInfo;
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

    @Option(names = {"-t", "--threads"}, paramLabel = "N[,N...]", description = "thread counts (default: 1)")
    List<String> threads = new ArrayList<>();

    @Option(names = "--option", paramLabel = "BACKEND.KEY=VALUE",
            description = "a backend option, e.g. onnxruntime.spin=true (repeatable)")
    List<String> options = new ArrayList<>();

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
        List<Integer> threadList = Inputs.positiveInts("--threads", threads);
        if (threadList.isEmpty()) {
            threadList = List.of(1);
        }
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
        NetworkBackends all = NetworkBackends.load();
        List<String> names = Inputs.names(backends);
        if (names.isEmpty()) {
            for (NetworkBackend b : all.all()) {
                if (all.availability(b).available()) {
                    names.add(b.name());
                }
            }
        }
        Path path = output.out;
        List<NetworkRecord> previous = path != null ? checkOutput(path) : List.of();
        Path cache = OpbenchHome.cacheDir();
        ModelSource source;
        try {
            err.println("opbench: preparing " + model + "...");
            err.flush();
            source = ModelSource.resolve(model, cache, seed);
        } catch (ModelException e) {
            throw new UsageError("cannot use --model: " + e.getMessage());
        }
        Set<String> done = new HashSet<>();
        for (NetworkRecord n : previous) {
            if (!source.digest().equals(n.modelDigest())) {
                throw new UsageError("cannot resume: --out " + path + " holds results of model " + n.model()
                        + " (digest " + n.modelDigest() + "), not of " + source.name() + " (digest " + source.digest()
                        + ") with this --seed");
            }
            done.add(NetworkPlanner.key(n.backend(), n.algorithm(), n.threads(), n.batch()));
        }
        List<String> algs = Inputs.names(algorithms);
        NetworkPlanner planner = new NetworkPlanner(source, names, algs.isEmpty() ? List.of("default") : algs,
                threadList, batches, auto, maxBatch, minGainPercent / 100, maxMemoryMb, profileRuns,
                tolerance, optionMap(), settings, seed, cache);
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
        JsonlWriter writer = path != null ? new JsonlWriter(path) : null;
        List<Record> records = Collections.synchronizedList(new ArrayList<>(previous));
        if (output.resume && jobs.isEmpty()) {
            err.println("opbench: every requested batch is already in " + path + "; nothing to measure");
            NetworkSummary.print(out, new ArrayList<>(records));
            return 0;
        }
        if (!done.isEmpty()) {
            err.println("opbench: resuming " + path + ": the " + done.size() + " batches measured there are not "
                    + "measured again");
        }
        err.println("opbench: calibrating the timer...");
        err.flush();
        TimerCalibration timer = TimerCalibration.measure();
        if (writer != null) {
            writer.write(header(all, names, source, planner, timer));
            err.println("opbench: writing " + path);
        }
        WorkerSpec ws = WorkerSpec.defaults(cache, (long) (output.pointTimeout * 1000)).inProcess(output.inProcess)
                .verbose(output.verbose)
                .launcher(output.launcher == null ? List.of() : List.of(output.launcher.trim().split("\\s+")));
        if (!output.jvmArgs.isEmpty()) {
            ws = new WorkerSpec(ws.java(), ws.classPath(), output.jvmArgs, ws.launcher(), ws.cacheDir(),
                    ws.pointTimeoutMs(), ws.inProcess(), ws.verbose());
        }
        NetworkDriver driver = new NetworkDriver(all, ws, source, new NetworkDriver.Listener() {
            @Override
            public void record(Record record) {
                if (writer != null) {
                    writer.write(record);
                }
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
        boolean[] finished = {false};
        Thread hook = new Thread(() -> {
            if (!finished[0]) {
                driver.abort();
                if (writer != null) {
                    writer.close();
                }
                err.println("opbench: interrupted; the records measured so far are in " + path);
                err.flush();
            }
        }, "opbench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            driver.run(jobs);
            finished[0] = true;
        } finally {
            if (finished[0]) {
                Runtime.getRuntime().removeShutdownHook(hook);
                if (writer != null) {
                    writer.close();
                }
            }
        }
        NetworkSummary.print(out, new ArrayList<>(records));
        if (path != null) {
            err.println("opbench: results in " + path);
        }
        err.flush();
        return 0;
    }

    private Map<String, String> optionMap() {
        return Inputs.backendOptions(options);
    }

    /**
     * Prepares {@code --out}: refuses a directory, and an existing file unless {@code --force} (deleted) or
     * {@code --resume}; with {@code --resume} returns the file's network records (a torn last line, left by a
     * killed run, is dropped) so that their batches are not measured again.
     */
    private List<NetworkRecord> checkOutput(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new UsageError("--out " + path + " is a directory");
        }
        if (Files.exists(path) && Files.size(path) > 0) {
            if (output.resume) {
                ResultReader.dropTornTail(path);
                try {
                    return ResultReader.read(path).networks();
                } catch (InputFileException e) {
                    throw new UsageError("cannot resume: " + path + " is not a JSON Lines result file ("
                            + e.getMessage() + ")");
                }
            }
            if (!output.force) {
                throw new UsageError("--out " + path + " already exists; add --resume to continue it or --force to "
                        + "overwrite it");
            }
            Files.delete(path);
        }
        return List.of();
    }

    private RunRecord header(NetworkBackends all, List<String> names, ModelSource source, NetworkPlanner p,
                             TimerCalibration timer) {
        Map<String, Map<String, Object>> libraries = new LinkedHashMap<>();
        for (NetworkBackend b : all.all()) {
            Availability a = all.availability(b);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("available", a.available());
            m.put("version", a.version());
            m.put("device", a.device());
            m.put("reason", a.reason());
            m.put("details", a.details());
            libraries.put(b.name(), m);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "network");
        s.put("model", source.name());
        s.put("model_file", source.runFile().toString());
        s.put("model_digest", source.digest());
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
        List<String> command = new ArrayList<>();
        command.add("opbench");
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        return new RunRecord(RunRecord.KIND, Json.SCHEMA, OpbenchHome.version(), OpbenchHome.gitCommit(), command,
                java.time.Instant.now().toString(), false, seed, HostProbe.probe(), libraries, TimerInfo.of(timer), s);
    }
}
