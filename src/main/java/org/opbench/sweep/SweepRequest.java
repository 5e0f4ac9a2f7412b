package org.opbench.sweep;

import java.util.List;
import java.util.Map;
import org.opbench.measure.MeasureSettings;
import org.opbench.problem.Layer;

/**
 * What the user asked for: the axes of a sweep.
 *
 * @param layers     problems with their network and repeat count
 * @param batches    mini-batch sizes to apply to every problem (empty: the descriptors' own {@code mb})
 * @param backends   backend names, in order
 * @param algorithms {@code ["default"]} (each backend's default per operator), {@code ["all"]}, or names
 * @param tuners     {@code ["default"]} (each backend's default), {@code ["all"]}, or names; the keywords
 *                   {@code default} and {@code all} are never a backend's name ({@link Planner#keywordClash})
 * @param threads    thread counts
 * @param options    backend options as {@code BACKEND.KEY -> VALUE}
 * @param defaultThreads  {@code threads} is the default (all cores), not asked for: each backend is timed at that
 *                   count or its {@link org.opbench.spi.Backend#maxThreads()}, whichever is fewer
 */
public record SweepRequest(List<Layer> layers, List<Integer> batches, List<String> backends, List<String> algorithms,
                           List<String> tuners, List<Integer> threads, Map<String, String> options,
                           MeasureSettings settings, long seed, boolean defaultThreads) {
    /** A request whose thread counts were asked for. */
    public SweepRequest(List<Layer> layers, List<Integer> batches, List<String> backends, List<String> algorithms,
                        List<String> tuners, List<Integer> threads, Map<String, String> options,
                        MeasureSettings settings, long seed) {
        this(layers, batches, backends, algorithms, tuners, threads, options, settings, seed, false);
    }

    public SweepRequest {
        layers = List.copyOf(layers);
        batches = List.copyOf(batches);
        backends = List.copyOf(backends);
        algorithms = List.copyOf(algorithms);
        tuners = List.copyOf(tuners);
        threads = List.copyOf(threads);
        options = Map.copyOf(options);
    }
}
