package org.opbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.env.HostProbe;
import org.opbench.env.OpbenchHome;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.TimerCalibration;
import org.opbench.problem.InputFileException;
import org.opbench.problem.Layer;
import org.opbench.result.Json;
import org.opbench.result.JsonlWriter;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.RunRecord;
import org.opbench.result.TimerInfo;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;
import org.opbench.supervisor.WorkerSpec;
import org.opbench.sweep.Driver;
import org.opbench.sweep.Planner;
import org.opbench.sweep.SweepPlan;
import org.opbench.sweep.SweepRequest;

/**
 * What {@code run} and {@code sweep} share: validate everything (exit 2 before measuring), write the run header,
 * drive the workers, print progress and the summary. An interrupt stops the workers; every point already
 * written stays, and the message says how to resume.
 */
final class SweepSession {
    private final PrintWriter out;
    private final PrintWriter err;

    SweepSession(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @param sets        names of the shape sets or descriptors swept (recorded in the header)
     * @param defaultOut  write to a new timestamped file under results/ when --out is absent
     */
    int execute(List<Layer> layers, List<String> sets, AxisOptions axes, MeasureOptions measure, OutputOptions output,
                List<String> commandLine, boolean defaultOut) throws IOException, InterruptedException {
        MeasureSettings settings = measure.settings();
        Backends backends = Backends.load();
        List<String> names = Inputs.names(axes.backends);
        if (names.isEmpty()) {
            for (Backend b : backends.all()) {
                if (backends.availability(b).available()) {
                    names.add(b.name());
                }
            }
        }
        SweepRequest request = new SweepRequest(layers, axes.batchList(), names, axes.algorithmList(),
                axes.tunerList(), axes.threadList(), axes.optionMap(), settings, axes.seed);
        SweepPlan plan;
        try {
            plan = Planner.plan(request, backends);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (output.pointTimeout <= 0) {
            throw new UsageError("invalid value for --point-timeout: must be positive");
        }
        if (output.resume && output.force) {
            throw new UsageError("--resume and --force exclude each other");
        }
        WorkerSpec spec = WorkerOptions.spec(output);
        Path path = output.out;
        if (path == null && defaultOut) {
            path = Path.of("results", "sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + ".jsonl");
        }
        Set<String> done = new HashSet<>();
        boolean resumed = false;
        if (path != null) {
            resumed = prepareOutput(path, output, done);
        }
        for (String name : names) {
            Availability a = backends.availability(backends.get(name));
            if (!a.available() && spec.launched() && !spec.inProcess()) {
                err.println("opbench: backend " + name + " is unavailable in this JVM (" + a.reason() + "); its "
                        + "workers, started through " + String.join(" ", spec.launcher()) + ", probe it themselves");
            } else if (!a.available()) {
                err.println("opbench: backend " + name + " is unavailable here (" + a.reason() + "); its points are "
                        + "recorded as unavailable");
            }
        }
        JsonlWriter writer = path != null ? openWriter(path) : null;
        List<PointRecord> points = Collections.synchronizedList(new ArrayList<>());
        var collecting = new org.opbench.result.ResultWriter() {
            @Override
            public void write(org.opbench.result.Record record) {
                if (writer != null) {
                    writer.write(record);
                }
                if (record instanceof PointRecord point) {
                    points.add(point);
                }
            }

            @Override
            public void close() {
                if (writer != null) {
                    writer.close();
                }
            }
        };
        if (path != null) {
            err.println("opbench: writing " + path + (resumed ? " (resuming: " + done.size() + " points already there)" : ""));
        }
        err.println("opbench: calibrating the timer...");
        err.flush();
        TimerCalibration timer = TimerCalibration.measure();
        collecting.write(header(commandLine, backends, names, request, sets, timer, resumed, spec));
        Driver driver = new Driver(backends, spec, collecting, new ProgressPrinter(err, output.quiet));
        final Path finalPath = path;
        final boolean[] finished = {false};
        Thread hook = new Thread(() -> {
            if (!finished[0]) {
                driver.abort();
                collecting.close();
                err.println();
                err.println("opbench: interrupted; " + points.size() + " points were written"
                        + (finalPath != null ? " to " + finalPath + ". Continue with the same command plus --resume --out "
                        + finalPath : ""));
                err.flush();
            }
        }, "opbench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            driver.run(plan, done);
            finished[0] = true;
        } finally {
            if (finished[0]) {
                Runtime.getRuntime().removeShutdownHook(hook);
                collecting.close();
            }
        }
        SummaryTable.print(out, points, request.algorithms().equals(List.of(Planner.DEFAULT)));
        if (path != null) {
            err.println("opbench: results in " + path);
            err.flush();
        }
        return 0;
    }

    private boolean prepareOutput(Path path, OutputOptions output, Set<String> done) {
        if (Files.isDirectory(path)) {
            throw new UsageError("--out " + path + " is a directory");
        }
        boolean exists = Files.exists(path);
        try {
            if (exists && Files.size(path) > 0) {
                if (output.resume) {
                    ResultFile previous = ResultReader.read(path);
                    previous.warnings().forEach(w -> err.println("opbench: warning: " + w));
                    previous.points().forEach(p -> done.add(p.key()));
                    ResultReader.dropTornTail(path);
                    return true;
                }
                if (!output.force) {
                    throw new UsageError("--out " + path + " already exists; add --resume to continue it or --force to "
                            + "overwrite it");
                }
                Files.delete(path);
            }
        } catch (InputFileException e) {
            throw new UsageError("cannot resume: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageError("cannot use --out " + path + ": " + e.getMessage());
        }
        return false;
    }

    private JsonlWriter openWriter(Path path) {
        try {
            JsonlWriter w = new JsonlWriter(path);
            if (!Files.isWritable(path)) {
                w.close();
                throw new UsageError("cannot write --out " + path);
            }
            return w;
        } catch (IOException e) {
            throw new UsageError("cannot write --out " + path + ": " + e);
        }
    }

    private static RunRecord header(List<String> commandLine, Backends backends, List<String> names, SweepRequest r,
                                    List<String> sets, TimerCalibration timer, boolean resumed, WorkerSpec spec) {
        Map<String, Map<String, Object>> libraries = new LinkedHashMap<>();
        for (Backend b : backends.all()) {
            Availability a = backends.availability(b);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("available", a.available());
            m.put("version", a.version());
            m.put("device", a.device());
            m.put("reason", a.reason());
            m.put("details", a.details());
            libraries.put(b.name(), m);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sets", sets);
        settings.put("backends", names);
        settings.put("algorithms", r.algorithms());
        settings.put("tuners", r.tuners());
        settings.put("threads", r.threads());
        settings.put("batches", r.batches());
        settings.put("options", r.options());
        settings.put("measure", Json.mapper().convertValue(r.settings(), Map.class));
        WorkerOptions.record(spec, settings);
        List<String> command = new ArrayList<>();
        command.add("opbench");
        command.addAll(commandLine);
        return new RunRecord(RunRecord.KIND, Json.SCHEMA, OpbenchHome.version(), OpbenchHome.gitCommit(), command,
                java.time.Instant.now().toString(), resumed, r.seed(), HostProbe.probe(), libraries, TimerInfo.of(timer),
                settings);
    }
}
