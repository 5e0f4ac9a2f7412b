package org.opbench.worker;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.RoundObservers;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;
import org.opbench.supervisor.ServedJob;
import org.opbench.supervisor.Sink;
import org.opbench.supervisor.StepSink;

/**
 * The operator points of one (backend, threads) group, measured by one worker with their rounds interleaved
 * ({@link GroupRunner}; the order of the rounds is seeded by {@code seed}). Each task is a unit (identified by its
 * {@link Task#index()}) whose record is its {@link org.opbench.result.PointRecord}. Served ({@link ServedJob}), the
 * worker runs the rounds the sweep driver names, interleaved with other workers' ({@code interleaveScope}: over
 * what, recorded in each point's {@code details.interleave_scope}: {@code sweep} or {@code batch k/n}).
 */
public record OperatorJob(String backend, int threads, MeasureSettings settings, long seed, Map<String, String> options,
                          List<Task> tasks, String interleaveScope) implements ServedJob<OperatorJob> {
    public OperatorJob {
        options = options == null ? Map.of() : Map.copyOf(options);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** A job whose rounds are interleaved within its own worker (scope {@code group}). */
    public OperatorJob(String backend, int threads, MeasureSettings settings, long seed, Map<String, String> options,
                       List<Task> tasks) {
        this(backend, threads, settings, seed, options, tasks, null);
    }

    /** This job served with its rounds interleaved across workers over {@code scope} ("sweep", "batch k/n"). */
    public OperatorJob withInterleaveScope(String scope) {
        return new OperatorJob(backend, threads, settings, seed, options, tasks, scope);
    }

    @Override
    public List<Integer> units() {
        return tasks.stream().map(Task::index).toList();
    }

    @Override
    public OperatorJob withUnits(List<Integer> remaining) {
        Set<Integer> keep = new HashSet<>(remaining);
        return withTasks(tasks.stream().filter(t -> keep.contains(t.index())).toList());
    }

    public OperatorJob withTasks(List<Task> remaining) {
        return new OperatorJob(backend, threads, settings, seed, options, remaining, interleaveScope);
    }

    /** The task of unit {@code index}. */
    public Task task(int index) {
        for (Task t : tasks) {
            if (t.index() == index) {
                return t;
            }
        }
        throw new IllegalArgumentException("no task " + index + " in this job");
    }

    @Override
    public void execute(Sink sink) {
        groupRunner().run(tasks, sink);
        sink.done();
    }

    @Override
    public void serve(StepSink sink, Commands commands) throws IOException {
        groupRunner().serve(tasks, sink, commands, interleaveScope == null ? "sweep" : interleaveScope);
    }

    private GroupRunner groupRunner() {
        Backends backends = Backends.load();
        Backend b = backends.get(backend);
        if (b == null) {
            throw new IllegalArgumentException("no backend named " + backend + " on the class path");
        }
        Availability availability = backends.availability(b);
        PointRunner runner = new PointRunner(b, availability, settings, seed, options);
        return new GroupRunner(runner, threads, seed, RoundObservers.forWorker());
    }
}
