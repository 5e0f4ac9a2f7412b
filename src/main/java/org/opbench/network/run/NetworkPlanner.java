package org.opbench.network.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.measure.MeasureSettings;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.sweep.Planner;

/**
 * Turns a network request into worker jobs, one per (backend, algorithm, threads). ONNX Runtime's jobs go first:
 * its workers leave the reference outputs in the cache for the others. Names that no selected backend defines
 * are usage errors ({@link IllegalArgumentException}), reported before anything runs. {@code default} and
 * {@code all} are the keywords of {@link Planner#KEYWORDS}; a backend defining an algorithm so named is refused.
 *
 * @param model        the resolved model
 * @param backends     backend names in the user's order
 * @param algorithms   {@code default}, {@code all} or names
 * @param threads      thread counts
 * @param batches      batch sizes (list mode) or the first batch (auto)
 * @param auto         auto mode
 * @param tolerance    the output check's tolerance, or null for the one each session's stated execution gives
 * @param options      {@code BACKEND.KEY -> VALUE}
 * @param precisions   the model file of each precision ({@code --dtype}), in order; one job per precision
 */
public record NetworkPlanner(ModelSource model, List<String> backends, List<String> algorithms, List<Integer> threads,
                             List<Integer> batches, boolean auto, int maxBatch, double minGain, Long maxMemoryMb,
                             int profileRuns, Double tolerance, Map<String, String> options, MeasureSettings settings,
                             long seed, Path cacheDir, List<PrecisionModel> precisions) {

    public NetworkPlanner {
        precisions = precisions == null ? List.of(new PrecisionModel("f32", model.runFile(), -1)) : List.copyOf(precisions);
    }

    /** The fp32 model only. */
    public NetworkPlanner(ModelSource model, List<String> backends, List<String> algorithms, List<Integer> threads,
                          List<Integer> batches, boolean auto, int maxBatch, double minGain, Long maxMemoryMb,
                          int profileRuns, Double tolerance, Map<String, String> options, MeasureSettings settings,
                          long seed, Path cacheDir) {
        this(model, backends, algorithms, threads, batches, auto, maxBatch, minGain, maxMemoryMb, profileRuns,
                tolerance, options, settings, seed, cacheDir, null);
    }

    public List<NetworkJob> plan(NetworkBackends all) {
        return plan(all, Set.of());
    }

    /** The key of a measured fp32 batch in {@code done}: {@code backend|algorithm|threads|batch}. */
    public static String key(String backend, String algorithm, int threads, int batch) {
        return backend + "|" + algorithm + "|" + threads + "|" + batch;
    }

    /** The key of a measured batch at a precision: as {@link #key(String, String, int, int)} for f32. */
    public static String key(String backend, String algorithm, int threads, int batch, String dtype) {
        String k = key(backend, algorithm, threads, batch);
        return dtype == null || dtype.equals("f32") ? k : k + "|" + dtype;
    }

    /**
     * The jobs, without the batches {@code done} already holds ({@link #key}; a resumed run): a (backend,
     * algorithm, threads) group keeps only its remaining batches and is left out when none remain. Auto mode
     * ignores {@code done}.
     */
    public List<NetworkJob> plan(NetworkBackends all, Set<String> done) {
        List<NetworkBackend> selected = new ArrayList<>();
        for (String name : backends) {
            NetworkBackend b = all.get(name);
            if (b == null) {
                throw new IllegalArgumentException("unknown network backend '" + name + "' (known: "
                        + String.join(", ", all.names()) + ")");
            }
            String clash = keywordClash(b);
            if (clash != null) {
                throw new IllegalStateException(clash);
            }
            selected.add(b);
        }
        selected.sort((x, y) -> Boolean.compare(!x.name().equals("onnxruntime"), !y.name().equals("onnxruntime")));
        Set<String> known = new LinkedHashSet<>();
        selected.forEach(b -> known.addAll(b.algorithms()));
        for (String a : algorithms) {
            if (!Planner.KEYWORDS.contains(a) && !known.contains(a)) {
                throw new IllegalArgumentException("unknown algorithm '" + a + "' for the selected network backends "
                        + "(known: " + String.join(", ", known) + ", default, all)");
            }
        }
        for (String key : options.keySet()) {
            String backend = key.substring(0, key.indexOf('.'));
            NetworkBackend b = all.get(backend);
            String k = key.substring(key.indexOf('.') + 1);
            if (b != null && !b.options().contains(k)) {
                throw new IllegalArgumentException("unknown option " + key + " (" + backend + " knows: "
                        + (b.options().isEmpty() ? "none" : String.join(", ", b.options())) + ")");
            }
        }
        Path refs = cacheDir.resolve("network").resolve("reference");
        List<NetworkJob> jobs = new ArrayList<>();
        for (NetworkBackend b : selected) {
            for (PrecisionModel p : precisions) {
                for (String alg : pick(b.algorithms())) {
                    for (int t : threads) {
                        List<Integer> remaining = new ArrayList<>();
                        for (int n : batches) {
                            if (auto || !done.contains(key(b.name(), alg, t, n, p.dtype()))) {
                                remaining.add(n);
                            }
                        }
                        if (remaining.isEmpty()) {
                            continue;
                        }
                        NetworkTask task = new NetworkTask(model.name(), model.builtin(), p.file().toString(),
                                model.structureFile() == null ? null : model.structureFile().toString(),
                                model.digest(), alg, remaining, auto, maxBatch, minGain, maxMemoryMb, profileRuns,
                                refs.toString(), tolerance, p.dtype(), model.runFile().toString(),
                                p.bytes() >= 0 ? p.bytes() : null);
                        jobs.add(new NetworkJob(b.name(), t, settings, seed, optionsFor(b.name()), task));
                    }
                }
            }
        }
        return jobs;
    }

    /** Why {@code b} cannot be planned because it defines an algorithm named like a keyword, or null. */
    public static String keywordClash(NetworkBackend b) {
        for (String a : b.algorithms()) {
            if (Planner.KEYWORDS.contains(a)) {
                return "network backend '" + b.name() + "' defines algorithm '" + a + "', which is a keyword of "
                        + "--algorithms (" + String.join(", ", Planner.KEYWORDS)
                        + "); the backend must name it otherwise";
            }
        }
        return null;
    }

    private List<String> pick(List<String> defined) {
        if (algorithms.contains(Planner.ALL)) {
            return defined;
        }
        List<String> chosen = new ArrayList<>();
        for (String a : algorithms) {
            String name = a.equals(Planner.DEFAULT) ? defined.get(0) : a;
            if (defined.contains(name) && !chosen.contains(name)) {
                chosen.add(name);
            }
        }
        return chosen.isEmpty() ? List.of(defined.get(0)) : chosen;
    }

    private Map<String, String> optionsFor(String backend) {
        Map<String, String> mine = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith(backend + ".")) {
                mine.put(k.substring(backend.length() + 1), v);
            }
        });
        return mine;
    }
}
