package org.opbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.backend.reference.ReferenceBackend;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.RoundStats;
import org.opbench.measure.TimerCalibration;
import org.opbench.problem.Layer;
import org.opbench.result.Json;
import org.opbench.result.JsonlWriter;
import org.opbench.result.PointRecord;
import org.opbench.result.Record;
import org.opbench.result.RunRecord;
import org.opbench.result.ShardInfo;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;
import org.opbench.supervisor.WorkerSpec;
import org.opbench.sweep.Driver;
import org.opbench.sweep.Planner;
import org.opbench.sweep.Sharding;
import org.opbench.sweep.SweepPlan;
import org.opbench.sweep.SweepRequest;

/**
 * What {@code run} and {@code sweep} share: validate everything (exit 2 before measuring), write the run header,
 * drive the workers, print progress and the summary. The result file is a {@link ResultSession}: an interrupt
 * stops the workers; every point already written stays, and the message says how to resume.
 */
final class SweepSession {
    private final PrintWriter out;
    private final PrintWriter err;
    private Integer liveWorkers; // --live-workers; null: as many as fit, or 1 behind a --worker-launcher

    /** {@code --live-workers N} (null when not given). */
    SweepSession liveWorkers(Integer value) {
        if (value != null && value < 1) {
            throw new UsageError("invalid value for --live-workers: " + value + " (must be 1 or more)");
        }
        this.liveWorkers = value;
        return this;
    }

    SweepSession(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @param sets        names of the shape sets or descriptors swept (recorded in the header)
     * @param inputs      the files the layers were read from (--out must not be one of them)
     * @param defaultOut  write to a new timestamped file under results/ when --out is absent
     */
    int execute(List<Layer> layers, List<String> sets, List<Path> inputs, AxisOptions axes, MeasureOptions measure,
                OutputOptions output, List<String> commandLine, boolean defaultOut, ShardOptions.Resolved shard)
            throws IOException, InterruptedException {
        MeasureSettings settings = measure.settings();
        layers = axes.inPrecisions(layers);
        Backends backends = Backends.load();
        List<String> names = Inputs.names("--backends", axes.backends);
        Inputs.checkOptionBackends(axes.optionMap(), backends.names());
        Inputs.checkOptionKeys(axes.optionMap(), backends);
        if (names.isEmpty()) {
            names.addAll(defaultBackends(backends, axes.timeReference, err));
        } else if (axes.timeReference && !names.contains(ReferenceBackend.NAME)) {
            names.add(ReferenceBackend.NAME);
        }
        SweepRequest request = new SweepRequest(layers, axes.batchList(), names, axes.algorithmList(),
                axes.tunerList(), axes.threadList(), axes.optionMap(), settings, axes.seed, axes.threadsDefaulted());
        SweepPlan whole;
        try {
            whole = Planner.plan(request, backends);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        SweepPlan plan = Sharding.part(whole, shard.shard());
        String digest = Sharding.digest(whole);
        ShardInfo shardInfo = new ShardInfo(shard.shard().k(), shard.shard().n(), whole.total(), Sharding.keys(plan));
        if (output.pointTimeout <= 0) {
            throw new UsageError("invalid value for --point-timeout: must be positive");
        }
        WorkerSpec spec = WorkerOptions.spec(output);
        Map<String, Object> pin = new LinkedHashMap<>();
        WorkerSpec workers = WorkerOptions.pin(spec, output, request.threads(), err, pin);
        Path path = output.out == null && defaultOut ? ResultSession.timestamped("sweep") : output.out;
        try (ResultSession session = ResultSession.prepare(err, path, ResultSession.Mode.of(output), inputs)) {
            WorkerOptions.checkLauncher(spec);
            Set<String> done = new HashSet<>();
            if (session.resumed()) {
                checkSameShard(session.previous().runs(), path, digest, shardInfo);
            }
            if (session.resumed()) {
                session.previous().points().forEach(p -> done.add(p.key()));
            }
            for (String name : names) {
                Availability a = backends.availability(backends.get(name));
                if (!a.available() && spec.launched() && !spec.inProcess()) {
                    err.println("opbench: backend " + name + " is unavailable in this JVM (" + a.reason() + "); its "
                            + "workers, started through " + String.join(" ", spec.launcher()) + ", probe it themselves");
                } else if (!a.available()) {
                    err.println("opbench: backend " + name + " is unavailable here (" + a.reason() + "); its points "
                            + "are recorded as unavailable");
                }
            }
            if (shard.source() != null) {
                err.println("opbench: shard " + shard.shard() + " (from " + shard.source() + "): " + plan.total()
                        + " of the plan's " + whole.total() + " points, plan " + digest
                        + (plan.total() == 0 ? "; this shard is empty (the plan has fewer parts than shards), "
                        + "its file holds only the run header" : ""));
            }
            session.open();
            List<PointRecord> points = Collections.synchronizedList(new ArrayList<>());
            ResultCollector collecting = new ResultCollector(session.writer(), points);
            if (path != null) {
                err.println("opbench: writing " + path + (session.resumed() ? " (resuming: " + done.size()
                        + " points already there)" : ""));
            }
            TimerCalibration timer = session.calibrate();
            org.opbench.env.SystemCheck.Report system = RunHeader.systemCheck(err);
            RunRecord head = header(commandLine, backends, names, request, sets, timer, session.resumed(), spec,
                    system, digest, shardInfo);
            head.settings().putAll(pin);
            // behind a --worker-launcher the workers may run on a board or under an emulator whose memory this
            // driver cannot see: one at a time unless --live-workers says otherwise
            int live = liveWorkers != null ? liveWorkers : spec.launched() ? 1 : 0;
            head.settings().put("live_workers", live == 0 ? "as many as memory allows" : live);
            collecting.write(head);
            Driver driver = new Driver(backends, workers, collecting, new ProgressPrinter(err, output.quiet), live);
            long started = System.nanoTime();
            session.measure(() -> driver.run(plan, done), driver::abort, () -> "opbench: interrupted; "
                    + points.size() + " points were written" + (path != null ? " to " + path
                    + ". Continue with the same command plus --resume --out " + path : ""));
            err.println(budgetLine(points, (System.nanoTime() - started) / 1e9));
            AnswerLines.print(out, points);
            SummaryTable.print(out, points, request.algorithms().equals(List.of(Planner.DEFAULT)));
        }
        if (path != null) {
            err.println("opbench: results in " + path);
            err.flush();
        }
        return 0;
    }

    /**
     * Where the sweep's wall time went (issue 15): the timed regions and warm-ups of its points against the wall
     * time of the measuring, e.g. "opbench: timed 27.1 s + 3.0 s warm-up of 41.0 s wall (1.36x)".
     */
    static String budgetLine(List<PointRecord> points, double wallS) {
        double timed = 0;
        double warm = 0;
        synchronized (points) {
            for (PointRecord p : points) {
                timed += p.timedMs() == null ? 0 : p.timedMs() / 1e3;
                warm += p.warmupMs() == null ? 0 : p.warmupMs() / 1e3;
            }
        }
        return String.format(java.util.Locale.ROOT, "opbench: timed %.1f s + %.1f s warm-up of %.1f s wall%s", timed,
                warm, wallS, timed + warm > 0 ? String.format(java.util.Locale.ROOT, " (%.2fx)", wallS / (timed + warm))
                        : "");
    }

    /**
     * The backends a sweep times when {@code --backends} is absent: every available one except the reference, which
     * runs as the oracle in every worker anyway (issue 22), unless {@code --time-reference}; the reference alone,
     * saying so, when no library is available.
     */
    static List<String> defaultBackends(Backends backends, boolean timeReference, PrintWriter err) {
        List<String> names = new ArrayList<>();
        boolean reference = false;
        for (Backend b : backends.all()) {
            if (!backends.availability(b).available()) {
                continue;
            }
            if (b instanceof ReferenceBackend) {
                reference = true;
            } else {
                names.add(b.name());
            }
        }
        if (reference && (timeReference || names.isEmpty())) {
            if (!timeReference) {
                err.println("opbench: no library backend is available here; timing the reference alone");
            }
            names.add(ReferenceBackend.NAME);
        }
        return names;
    }

    /** A shard file is resumed only as the same shard of the same plan (its points would not be merged otherwise). */
    private static void checkSameShard(List<RunRecord> runs, Path path, String digest, ShardInfo shard) {
        if (runs.isEmpty() || runs.get(0).shard() == null) {
            return;
        }
        RunRecord first = runs.get(0);
        ShardInfo was = first.shard();
        boolean sharded = was.n() > 1 || shard.n() > 1;
        if (sharded && (was.k() != shard.k() || was.n() != shard.n() || !digest.equals(first.planDigest()))) {
            throw new UsageError("cannot resume: --out " + path + " holds shard " + was.k() + "/" + was.n()
                    + " of plan " + first.planDigest() + ", not shard " + shard.k() + "/" + shard.n() + " of plan "
                    + digest + " (another sweep, split or settings); resume it with its own command");
        }
    }

    /** Writes to the file, if any, and keeps every point for the summary table. */
    private record ResultCollector(JsonlWriter writer, List<PointRecord> points)
            implements org.opbench.result.ResultWriter {
        @Override
        public void write(Record record) {
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
    }

    private static RunRecord header(List<String> commandLine, Backends backends, List<String> names, SweepRequest r,
                                    List<String> sets, TimerCalibration timer, boolean resumed, WorkerSpec spec,
                                    org.opbench.env.SystemCheck.Report system,
                                    String digest, ShardInfo shard) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sets", sets);
        settings.put("backends", names);
        settings.put("algorithms", r.algorithms());
        settings.put("tuners", r.tuners());
        settings.put("threads", r.threads());
        settings.put("batches", r.batches());
        settings.put("options", r.options());
        settings.put("measure", Json.mapper().convertValue(r.settings(), Map.class));
        settings.put("ci_method", RoundStats.METHOD);
        settings.put("round_order_seed", r.seed());
        WorkerOptions.record(spec, settings);
        settings.put("system_check", system);
        return RunHeader.of(commandLine, resumed, r.seed(), RunHeader.libraries(backends.all(), Backend::name,
                backends::availability), timer, settings, digest, shard);
    }
}
