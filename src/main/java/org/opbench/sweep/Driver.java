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
import org.opbench.spi.Variant;
import org.opbench.worker.MemoryGuard;
import org.opbench.worker.OperatorJob;
import org.opbench.worker.PointDraft;
import org.opbench.worker.Task;

/**
 * Runs a sweep plan: one worker JVM per (backend, threads) group through the {@link Supervisor} (whose rule turns
 * a worker's death or a timeout into the point's record), records written and flushed as they arrive. Points
 * whose key is in {@code done} are skipped (resume).
 *
 * <p>Rounds are interleaved across groups (issue 15): the groups' workers live at once, as many as the memory
 * estimate ({@link #WORKER_BYTES} per worker plus each point's inputs, outputs and native memory) and
 * {@code liveWorkers} allow, and the supervisor runs one seeded order of every round of every point of a batch
 * ({@link Supervisor#runInterleaved}); groups that do not fit together run in batches, one after another. In-process,
 * with {@code liveWorkers} 1 or with a single group, each group's worker interleaves its own points' rounds. Each
 * interleaved point records the scope in {@code details.interleave_scope}: {@code sweep}, {@code batch k/n} or
 * {@code group}.
 */
public final class Driver {
    private final Backends backends;
    private final WorkerSpec spec;
    private final ResultWriter writer;
    private final SweepListener listener;
    private final Supervisor supervisor;
    private final int liveWorkers;
    private int finished;

    /**
     * What the driver counts for a worker JVM with a library loaded, besides its points' data, when it decides how
     * many workers live at once: an estimate on the safe side of what a worker of this project holds resident
     * (JVM, heap, the library's code and thread pools).
     */
    static final long WORKER_BYTES = 512L << 20;

    /** A driver that interleaves rounds across as many workers as memory allows. */
    public Driver(Backends backends, WorkerSpec spec, ResultWriter writer, SweepListener listener) {
        this(backends, spec, writer, listener, 0);
    }

    /** {@code liveWorkers}: the most workers alive at once (0: as many as memory allows; 1: rounds within groups). */
    public Driver(Backends backends, WorkerSpec spec, ResultWriter writer, SweepListener listener, int liveWorkers) {
        if (liveWorkers < 0) {
            throw new IllegalArgumentException("live workers must be 0 (as many as fit) or more: " + liveWorkers);
        }
        this.backends = backends;
        this.spec = spec;
        this.writer = writer;
        this.listener = listener;
        this.supervisor = new Supervisor(spec);
        this.liveWorkers = liveWorkers;
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
        List<OperatorJob> measured = new ArrayList<>();
        for (OperatorJob job : todo) {
            if (!job.tasks().isEmpty() && !notAvailable(job, total)) {
                measured.add(job);
            }
        }
        if (spec.inProcess() || liveWorkers == 1 || measured.size() < 2) {
            for (OperatorJob job : measured) {
                if (supervisor.aborted()) {
                    break;
                }
                runJob(job, total);
            }
            return finished;
        }
        List<Long> needs = measured.stream().map(this::estimate).toList();
        long available = MemoryGuard.nativeAvailable();
        List<List<Integer>> batches = Batches.plan(needs, available < 0 ? Long.MAX_VALUE : available / 4 * 3,
                liveWorkers);
        for (int k = 0; k < batches.size() && !supervisor.aborted(); k++) {
            List<Integer> batch = batches.get(k);
            if (batch.size() == 1) {
                listener.notice("batch " + (k + 1) + "/" + batches.size() + ": one worker group alone (memory or "
                        + "--live-workers allow no other beside it here), its rounds interleaved within it");
                runJob(measured.get(batch.get(0)), total);
                continue;
            }
            String scope = Batches.scope(k, batches.size());
            List<Supervisor.Group<OperatorJob>> groups = new ArrayList<>();
            for (int i : batch) {
                OperatorJob job = measured.get(i).withInterleaveScope(scope);
                Backend backend = backends.get(job.backend());
                groups.add(new Supervisor.Group<>(job, backend.workerEnvironment(job.threads(), spec.cacheDir()),
                        new Points(backends.availability(backend), total)));
            }
            if (batches.size() > 1) {
                listener.notice(scope + ": " + batch.size() + " worker groups alive at once, rounds interleaved "
                        + "across them (memory or --live-workers allow no more)");
            }
            supervisor.runInterleaved(groups, measured.get(batch.get(0)).seed());
        }
        return finished;
    }

    /**
     * What a group's worker is estimated to hold: {@link #WORKER_BYTES} and, per point, the memory guard's heap
     * estimate and the native bytes its backend says it allocates.
     */
    private long estimate(OperatorJob job) {
        Backend backend = backends.get(job.backend());
        long bytes = WORKER_BYTES;
        for (Task t : job.tasks()) {
            long nativeBytes;
            try {
                nativeBytes = Math.max(0, backend.nativeBytes(t.problem(), new Variant(t.algorithm(), t.tuner(),
                        job.threads(), job.options())));
            } catch (RuntimeException e) {
                nativeBytes = 0; // the worker's own memory guard asks again, and refuses what does not fit
            }
            bytes = Math.addExact(bytes, Math.addExact(MemoryGuard.heapBytes(t.problem()), nativeBytes));
        }
        return bytes;
    }

    /** Records the job's points as unavailable when its backend cannot run here (true); false otherwise. */
    private boolean notAvailable(OperatorJob job, int total) {
        Backend backend = backends.get(job.backend());
        Availability a = backends.availability(backend);
        // through a launcher the workers run elsewhere (a board, an emulator): they probe the backend themselves
        if (!a.available() && (!spec.launched() || spec.inProcess())) {
            supervisor.notMeasured(job, new Points(a, total), Status.UNAVAILABLE, a.reason());
            return true;
        }
        return false;
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

    /** Runs one group in its own worker (in-process: here), its rounds interleaved within it. */
    private void runJob(OperatorJob job, int total) throws InterruptedException {
        Backend backend = backends.get(job.backend());
        supervisor.run(job, backend.workerEnvironment(job.threads(), spec.cacheDir()),
                new Points(backends.availability(backend), total));
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
