package org.opbench.network.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.result.NetworkRecord;
import org.opbench.result.Record;
import org.opbench.result.ResultReader;
import org.opbench.result.Status;
import org.opbench.spi.Availability;
import org.opbench.sweep.WorkerProcess;
import org.opbench.sweep.WorkerSpec;
import org.opbench.worker.Sink;
import org.opbench.worker.WorkerJob;

/**
 * Runs network jobs, one worker JVM per (backend, algorithm, threads), through the same worker processes and line
 * protocol as operator sweeps. A worker that dies turns the batch in flight into a record: {@code skipped} when it
 * was killed by SIGKILL (what the kernel's out-of-memory killer sends), else {@code failed} with its exit and last
 * lines of standard error; a batch over the time limit is {@code timeout}. In list mode a new worker goes on with
 * the next batch; in auto mode the doubling stops there.
 */
public final class NetworkDriver {
    /** Receives records as they arrive. */
    public interface Listener {
        /** A network or layer record. */
        void record(Record record);

        default void notice(String message) {
        }
    }

    private final NetworkBackends backends;
    private final WorkerSpec spec;
    private final ModelSource model;
    private final Listener listener;
    private volatile WorkerProcess current;
    private volatile boolean aborted;

    public NetworkDriver(NetworkBackends backends, WorkerSpec spec, ModelSource model, Listener listener) {
        this.backends = backends;
        this.spec = spec;
        this.model = model;
        this.listener = listener;
    }

    public void run(List<WorkerJob> jobs) throws InterruptedException {
        for (WorkerJob job : jobs) {
            if (aborted) {
                return;
            }
            runJob(job);
        }
    }

    public void abort() {
        aborted = true;
        WorkerProcess w = current;
        if (w != null) {
            w.kill();
        }
    }

    private void runJob(WorkerJob job) throws InterruptedException {
        NetworkBackend backend = backends.get(job.backend());
        Availability a = backends.availability(backend);
        NetworkTask task = job.network();
        if (!a.available()) {
            for (int b : task.auto() ? task.batches().subList(0, 1) : task.batches()) {
                emit(draft(job, a, b).fail(Status.UNAVAILABLE, a.reason(), task.auto() ? "unavailable" : null));
            }
            return;
        }
        if (spec.inProcess()) {
            NetworkWorker.run(job, new Sink() {
                @Override
                public void start(int t) {
                }

                @Override
                public void point(int t, org.opbench.result.PointRecord p) {
                }

                @Override
                public void otherRecord(int t, Record record) {
                    listener.record(record);
                }

                @Override
                public void done() {
                }
            });
            return;
        }
        Map<String, String> env = backend.workerEnvironment(job.threads(), spec.cacheDir());
        List<Integer> remaining = task.batches();
        while (!remaining.isEmpty() && !aborted) {
            remaining = runWorker(job.withNetwork(task.withBatches(remaining)), a, env);
        }
    }

    /** One worker over the job's batches; the batches still to measure when it ended early (list mode). */
    private List<Integer> runWorker(WorkerJob job, Availability a, Map<String, String> env)
            throws InterruptedException {
        NetworkTask task = job.network();
        Integer inFlight = null;
        boolean any = false;
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
                    int b = inFlight != null ? inFlight : task.batches().get(0);
                    emit(draft(job, a, b).fail(Status.TIMEOUT, "no result within " + spec.pointTimeoutMs()
                            + " ms (--point-timeout); worker " + w.pid() + " killed", task.auto() ? "timeout" : null));
                    return after(task, b);
                }
                if (event == null) {
                    String exit = w.exitDescription();
                    if (aborted) {
                        return List.of();
                    }
                    String tail = w.stderrTail(12);
                    if (inFlight == null && !any) {
                        for (int b : task.auto() ? task.batches().subList(0, 1) : task.batches()) {
                            emit(draft(job, a, b).fail(Status.FAILED, "worker failed to start: " + exit
                                    + (tail.isEmpty() ? "" : "\n" + tail), task.auto() ? "failed" : null));
                        }
                        return List.of();
                    }
                    int b = inFlight != null ? inFlight : task.batches().get(0);
                    Integer code = w.exitCode();
                    boolean killed = code != null && code == 128 + 9;
                    String reason = killed ? "worker killed by SIGKILL while running batch " + b + " (the kernel's "
                            + "out-of-memory killer ends a process so when memory runs out); " + exit
                            : exit + (tail.isEmpty() ? "" : "\n" + tail);
                    emit(draft(job, a, b).fail(killed ? Status.SKIPPED : Status.FAILED, reason,
                            task.auto() ? (killed ? "memory" : "failed") : null));
                    listener.notice("worker for " + job.backend() + " ended at batch " + b + " (" + exit + ")");
                    return after(task, b);
                }
                switch (event.path("event").asText()) {
                    case "start" -> inFlight = event.get("task").asInt();
                    case "record" -> {
                        any = true;
                        Record r = ResultReader.decode(event.get("record"));
                        listener.record(r);
                        if (r instanceof NetworkRecord) {
                            inFlight = null;
                        }
                    }
                    case "done" -> {
                        return List.of();
                    }
                    default -> listener.notice("unknown worker event " + event);
                }
            }
        } catch (IOException e) {
            int b = inFlight != null ? inFlight : task.batches().get(0);
            emit(draft(job, a, b).fail(Status.FAILED, "cannot run worker: " + e.getMessage(),
                    task.auto() ? "failed" : null));
            return after(task, b);
        } finally {
            current = null;
        }
    }

    /** The batches after {@code b} in list mode; none in auto mode (the doubling stops at a failure). */
    private static List<Integer> after(NetworkTask task, int b) {
        if (task.auto()) {
            return List.of();
        }
        int i = task.batches().indexOf(b);
        return i < 0 ? List.of() : new ArrayList<>(task.batches().subList(i + 1, task.batches().size()));
    }

    private NetworkDraft draft(WorkerJob job, Availability a, int batch) {
        NetLayers layers = null;
        try {
            layers = ShapeInference.infer(model.graph(), batch, model.name());
        } catch (RuntimeException e) {
            // the record has no flops
        }
        return new NetworkDraft(job.network(), job, a, batch, layers == null ? 0 : layers.flops(),
                model.graph().parameterCount(), layers == null ? 0 : layers.layers().size());
    }

    private void emit(NetworkRecord r) {
        listener.record(r);
    }
}
