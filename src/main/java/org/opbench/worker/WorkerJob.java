package org.opbench.worker;

import java.util.List;
import java.util.Map;
import org.opbench.measure.MeasureSettings;
import org.opbench.network.run.NetworkTask;

/**
 * What a worker process is asked to do: every task of one (backend, threads) group, or, when {@code network} is
 * set, the batch sizes of one whole-network measurement on a network backend.
 */
public record WorkerJob(String backend, int threads, MeasureSettings settings, long seed, Map<String, String> options,
                        List<Task> tasks, NetworkTask network) {
    public WorkerJob {
        options = options == null ? Map.of() : Map.copyOf(options);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** An operator-sweep job. */
    public WorkerJob(String backend, int threads, MeasureSettings settings, long seed, Map<String, String> options,
                     List<Task> tasks) {
        this(backend, threads, settings, seed, options, tasks, null);
    }

    public WorkerJob withNetwork(NetworkTask value) {
        return new WorkerJob(backend, threads, settings, seed, options, tasks, value);
    }

    public WorkerJob withTasks(List<Task> remaining) {
        return new WorkerJob(backend, threads, settings, seed, options, remaining, network);
    }
}
