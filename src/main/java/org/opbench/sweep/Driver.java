package org.opbench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.env.Emulation;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultWriter;
import org.opbench.result.Status;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;
import org.opbench.worker.PointDraft;
import org.opbench.worker.Sink;
import org.opbench.worker.Task;
import org.opbench.worker.WorkerJob;
import org.opbench.worker.WorkerMain;

/**
 * Runs a sweep plan: one worker JVM per (backend, threads) group, records written and flushed as they arrive.
 * A worker that crashes turns the point in flight into {@code failed} (with its exit and the last lines of its
 * standard error); one that exceeds the per-point time limit is killed and the point is {@code timeout}; in both
 * cases a new worker continues with the next point. Points whose key is in {@code done} are skipped (resume).
 */
public final class Driver {
    private final Backends backends;
    private final WorkerSpec spec;
    private final ResultWriter writer;
    private final SweepListener listener;
    private volatile WorkerProcess current;
    private volatile boolean aborted;
    private int finished;

    public Driver(Backends backends, WorkerSpec spec, ResultWriter writer, SweepListener listener) {
        this.backends = backends;
        this.spec = spec;
        this.writer = writer;
        this.listener = listener;
    }

    /** Runs every job; returns the number of points written. */
    public int run(SweepPlan plan, Set<String> done) throws InterruptedException {
        int total = 0;
        Map<WorkerJob, List<Task>> todo = new java.util.LinkedHashMap<>();
        for (WorkerJob job : plan.jobs()) {
            List<Task> tasks = job.tasks().stream().filter(t -> !done.contains(key(job, t))).toList();
            todo.put(job, tasks);
            total += tasks.size();
        }
        for (Map.Entry<WorkerJob, List<Task>> e : todo.entrySet()) {
            if (aborted) {
                break;
            }
            runJob(e.getKey().withTasks(e.getValue()), total);
        }
        return finished;
    }

    /** The resume key of a planned point, equal to {@link PointRecord#key()} of its record. */
    public static String key(WorkerJob job, Task t) {
        var p = t.parsedProblem();
        return PointRecord.key(p.op().id(), p.descriptor(), job.backend(), t.algorithm(), t.tuner(), job.threads(),
                p.mb());
    }

    /** Stops the sweep: kills the current worker; the point in flight is not recorded. */
    public void abort() {
        aborted = true;
        WorkerProcess w = current;
        if (w != null) {
            w.kill();
        }
    }

    private void runJob(WorkerJob job, int total) throws InterruptedException {
        if (job.tasks().isEmpty()) {
            return;
        }
        Backend backend = backends.get(job.backend());
        Availability a = backends.availability(backend);
        // through a launcher the workers run elsewhere (a board, an emulator): they probe the backend themselves
        if (!a.available() && (!spec.launched() || spec.inProcess())) {
            for (Task t : job.tasks()) {
                record(draft(job, t, a).fail(Status.UNAVAILABLE, a.reason()), total);
            }
            return;
        }
        if (spec.inProcess()) {
            WorkerMain.run(job, new Sink() {
                @Override
                public void start(int task) {
                }

                @Override
                public void point(int task, PointRecord point) {
                    record(point, total);
                }

                @Override
                public void done() {
                }
            });
            return;
        }
        List<Task> remaining = job.tasks();
        Map<String, String> env = backend.workerEnvironment(job.threads(), spec.cacheDir());
        while (!remaining.isEmpty() && !aborted) {
            remaining = runWorker(job.withTasks(remaining), a, env, total);
        }
    }

    /** Runs one worker over {@code job}'s tasks; returns the tasks still to do when it ended early. */
    private List<Task> runWorker(WorkerJob job, Availability a, Map<String, String> env, int total)
            throws InterruptedException {
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < job.tasks().size(); i++) {
            position.put(job.tasks().get(i).index(), i);
        }
        int next = 0; // position of the first task without a record
        Integer inFlight = null;
        try (WorkerProcess w = WorkerProcess.start(job, spec, env)) {
            current = w;
            while (true) {
                JsonNode event;
                try {
                    event = w.next(spec.pointTimeoutMs());
                } catch (WorkerProcess.TimeoutExceeded e) {
                    w.kill();
                    if (aborted) {
                        return List.of();
                    }
                    int at = inFlight != null ? position.get(inFlight) : next;
                    Task t = job.tasks().get(at);
                    record(draft(job, t, a).fail(Status.TIMEOUT, "no result within " + spec.pointTimeoutMs()
                            + " ms (--point-timeout); worker " + w.pid() + " killed"), total);
                    listener.notice("point " + t.problem() + " timed out; starting a new worker");
                    return job.tasks().subList(at + 1, job.tasks().size());
                }
                if (event == null) {
                    String exit = w.exitDescription();
                    if (aborted) {
                        return List.of();
                    }
                    String tail = w.stderrTail(12);
                    if (inFlight == null && next == 0) {
                        // died before its first point: nothing will go better with a new one
                        for (Task t : job.tasks()) {
                            record(draft(job, t, a).fail(Status.FAILED, "worker failed to start: " + exit
                                    + (tail.isEmpty() ? "" : "\n" + tail)), total);
                        }
                        return List.of();
                    }
                    int at = inFlight != null ? position.get(inFlight) : next;
                    Task t = job.tasks().get(at);
                    record(draft(job, t, a).fail(Status.FAILED, exit + (tail.isEmpty() ? "" : "\n" + tail)), total);
                    listener.notice("worker crashed on " + t.problem() + " (" + exit + "); starting a new worker");
                    return job.tasks().subList(at + 1, job.tasks().size());
                }
                switch (event.path("event").asText()) {
                    case "start" -> inFlight = event.get("task").asInt();
                    case "point" -> {
                        record(org.opbench.worker.Protocol.point(event), total);
                        next = position.get(event.get("task").asInt()) + 1;
                        inFlight = null;
                    }
                    case "done" -> {
                        return List.of();
                    }
                    default -> listener.notice("unknown worker event " + event);
                }
            }
        } catch (IOException e) {
            Task t = job.tasks().get(next);
            record(draft(job, t, a).fail(Status.FAILED, "cannot run worker: " + e.getMessage()), total);
            return job.tasks().subList(next + 1, job.tasks().size());
        } finally {
            current = null;
        }
    }

    private PointDraft draft(WorkerJob job, Task t, Availability a) {
        PointDraft d = new PointDraft(t.parsedProblem(), t.network(), t.repeat(), job.backend(), t.algorithm(),
                t.tuner(), job.threads());
        if (!spec.launched() || spec.inProcess()) {
            d.library(a.version(), a.device()).emulated(Emulation.detect() != null);
        } else if (Emulation.emulatorLauncher(spec.launcher())) {
            d.emulated(true); // the worker left no record of its own; its launcher is an emulator
        }
        return d;
    }

    private synchronized void record(PointRecord point, int total) {
        writer.write(point);
        finished++;
        listener.point(point, finished, total);
    }
}
