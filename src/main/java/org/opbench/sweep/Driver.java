package org.opbench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opbench.env.Emulation;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultReader;
import org.opbench.result.ResultWriter;
import org.opbench.result.Status;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;
import org.opbench.supervisor.Client;
import org.opbench.supervisor.Supervisor;
import org.opbench.supervisor.WorkerSpec;
import org.opbench.worker.OperatorJob;
import org.opbench.worker.PointDraft;
import org.opbench.worker.Task;

/**
 * Runs a sweep plan: one worker JVM per (backend, threads) group through the {@link Supervisor} (whose rule turns
 * a worker's death or a timeout into the point's record), records written and flushed as they arrive. Points
 * whose key is in {@code done} are skipped (resume).
 */
public final class Driver {
    private final Backends backends;
    private final WorkerSpec spec;
    private final ResultWriter writer;
    private final SweepListener listener;
    private final Supervisor supervisor;
    private int finished;

    public Driver(Backends backends, WorkerSpec spec, ResultWriter writer, SweepListener listener) {
        this.backends = backends;
        this.spec = spec;
        this.writer = writer;
        this.listener = listener;
        this.supervisor = new Supervisor(spec);
    }

    /** Runs every job; returns the number of points written. */
    public int run(SweepPlan plan, Set<String> done) throws InterruptedException {
        List<OperatorJob> todo = new ArrayList<>();
        int total = 0;
        for (OperatorJob job : plan.jobs()) {
            OperatorJob left = job.withTasks(job.tasks().stream().filter(t -> !done.contains(key(job, t))).toList());
            todo.add(left);
            total += left.tasks().size();
        }
        for (OperatorJob job : todo) {
            if (supervisor.aborted()) {
                break;
            }
            runJob(job, total);
        }
        return finished;
    }

    /** The resume key of a planned point, equal to {@link PointRecord#key()} of its record. */
    public static String key(OperatorJob job, Task t) {
        var p = t.problem();
        return PointRecord.key(p.op().id(), p.descriptor(), p.dtype().id(), job.backend(), t.algorithm(), t.tuner(), job.threads(),
                p.mb());
    }

    /** Stops the sweep: kills the current worker; the point in flight is not recorded. */
    public void abort() {
        supervisor.abort();
    }

    private void runJob(OperatorJob job, int total) throws InterruptedException {
        if (job.tasks().isEmpty()) {
            return;
        }
        Backend backend = backends.get(job.backend());
        Availability a = backends.availability(backend);
        Points client = new Points(a, total);
        // through a launcher the workers run elsewhere (a board, an emulator): they probe the backend themselves
        if (!a.available() && (!spec.launched() || spec.inProcess())) {
            supervisor.notMeasured(job, client, Status.UNAVAILABLE, a.reason());
            return;
        }
        supervisor.run(job, backend.workerEnvironment(job.threads(), spec.cacheDir()), client);
    }

    /** The sweep as a client of the supervisor: point records in, written and counted. */
    private final class Points implements Client<OperatorJob> {
        private final Availability availability;
        private final int total;

        Points(Availability availability, int total) {
            this.availability = availability;
            this.total = total;
        }

        @Override
        public void record(OperatorJob job, int unit, JsonNode record) throws IOException {
            if (!(ResultReader.decode(record) instanceof PointRecord point)) {
                throw new IOException("an operator worker sent a record that is not a point: " + record);
            }
            write(point);
        }

        @Override
        public void notMeasured(OperatorJob job, int unit, Status status, String reason) {
            Task t = job.task(unit);
            PointDraft d = new PointDraft(t.problem(), t.network(), t.repeat(), job.backend(), t.algorithm(),
                    t.tuner(), job.threads());
            if (!spec.launched() || spec.inProcess()) {
                d.library(availability.version(), availability.device()).emulated(Emulation.detect() != null);
            } else if (Emulation.emulatorLauncher(spec.launcher())) {
                d.emulated(true); // the worker left no record of its own; its launcher is an emulator
            }
            write(d.fail(status, reason));
        }

        @Override
        public String describe(OperatorJob job, int unit) {
            return "point " + job.task(unit).problem();
        }

        @Override
        public void notice(String message) {
            listener.notice(message);
        }

        private void write(PointRecord point) {
            synchronized (Driver.this) {
                writer.write(point);
                finished++;
                listener.point(point, finished, total);
            }
        }
    }
}
