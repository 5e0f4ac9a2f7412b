package org.opbench.worker;

import java.util.List;
import java.util.Map;
import org.opbench.measure.MeasureSettings;

/** What a worker process is asked to do: every task of one (backend, threads) group. */
public record WorkerJob(String backend, int threads, MeasureSettings settings, long seed, Map<String, String> options,
                        List<Task> tasks) {
    public WorkerJob {
        options = options == null ? Map.of() : Map.copyOf(options);
        tasks = List.copyOf(tasks);
    }

    public WorkerJob withTasks(List<Task> remaining) {
        return new WorkerJob(backend, threads, settings, seed, options, remaining);
    }
}
