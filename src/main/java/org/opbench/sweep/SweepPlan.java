package org.opbench.sweep;

import java.util.List;
import org.opbench.worker.OperatorJob;

/** The jobs of a sweep, one per (backend, threads) group, and how many points they hold. */
public record SweepPlan(List<OperatorJob> jobs) {
    public SweepPlan {
        jobs = List.copyOf(jobs);
    }

    public int total() {
        return jobs.stream().mapToInt(j -> j.tasks().size()).sum();
    }
}
