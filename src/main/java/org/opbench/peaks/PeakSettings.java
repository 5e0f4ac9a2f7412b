package org.opbench.peaks;

import java.util.List;

/**
 * How {@code opbench peaks} measures.
 *
 * @param threads           host thread counts to measure
 * @param reps              repetitions per ceiling (the best is the ceiling)
 * @param minTimeS          least duration of one compute repetition
 * @param triadArrayBytes   size of each of the triad's three arrays (far larger than the last-level cache)
 * @param timeoutS          a worker JVM that takes longer is killed and its ceilings recorded as {@code timeout}
 */
public record PeakSettings(List<Integer> threads, int reps, double minTimeS, long triadArrayBytes, double timeoutS) {
    public PeakSettings {
        threads = List.copyOf(threads);
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("thread counts must be positive");
        }
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be at least 1");
        }
        if (!(minTimeS > 0)) {
            throw new IllegalArgumentException("min time must be positive");
        }
        if (triadArrayBytes < 4096) {
            throw new IllegalArgumentException("triad arrays must be at least 4 KiB");
        }
    }
}
