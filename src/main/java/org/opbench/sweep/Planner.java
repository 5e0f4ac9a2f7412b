package org.opbench.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opbench.problem.Layer;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;
import org.opbench.worker.Task;
import org.opbench.worker.OperatorJob;

/**
 * Turns a request into worker jobs. Algorithms: for each backend and operator, the requested names that the
 * backend defines for that operator; where none is (e.g. {@code winograd} for a pooling layer), the backend's
 * default for the operator. Tuners likewise. A name no selected backend defines for any selected operator is a
 * usage error, reported before anything runs.
 *
 * <p>{@link #DEFAULT} and {@link #ALL} are keywords of {@code --algorithms} and {@code --tuners}, so no backend may
 * define an algorithm or tuner under either name: {@link #plan} refuses such a backend (see {@link #keywordClash})
 * rather than let the keyword silently shadow the backend's name.
 */
public final class Planner {
    public static final String DEFAULT = "default";
    public static final String ALL = "all";
    /** The keywords of {@code --algorithms} and {@code --tuners}; no backend may define a name among them. */
    public static final List<String> KEYWORDS = List.of(DEFAULT, ALL);

    private Planner() {
    }

    public static SweepPlan plan(SweepRequest r, Backends backends) {
        List<Backend> selected = new ArrayList<>();
        for (String name : r.backends()) {
            Backend b = backends.get(name);
            if (b == null) {
                throw new IllegalArgumentException("unknown backend '" + name + "' (known: "
                        + String.join(", ", backends.names()) + ")");
            }
            String clash = keywordClash(b);
            if (clash != null) {
                throw new IllegalStateException(clash);
            }
            selected.add(b);
        }
        Set<Op> ops = new LinkedHashSet<>();
        r.layers().forEach(l -> ops.add(l.problem().op()));
        checkNames("algorithm", r.algorithms(), selected, ops, true);
        checkNames("tuner", r.tuners(), selected, ops, false);
        List<OperatorJob> jobs = new ArrayList<>();
        int index = 0;
        for (Backend b : selected) {
            List<Integer> counts = r.defaultThreads()
                    ? r.threads().stream().map(t -> Math.min(t, Math.max(1, b.maxThreads()))).distinct().toList()
                    : r.threads();
            for (int threads : counts) {
                List<Task> tasks = new ArrayList<>();
                for (Layer layer : r.layers()) {
                    for (Problem p : batched(layer.problem(), r.batches())) {
                        for (String alg : pick(r.algorithms(), b.algorithms(p.op()))) {
                            for (String tuner : pick(r.tuners(), b.tuners())) {
                                tasks.add(new Task(index++, p, layer.network(), layer.repeat(),
                                        alg, tuner));
                            }
                        }
                    }
                }
                jobs.add(new OperatorJob(b.name(), threads, r.settings(), r.seed(), optionsFor(b.name(), r.options()),
                        tasks));
            }
        }
        return new SweepPlan(jobs);
    }

    /**
     * Why {@code b} cannot be planned because it defines an algorithm or tuner named like a keyword, or null when it
     * defines none.
     */
    public static String keywordClash(Backend b) {
        for (String t : b.tuners()) {
            if (KEYWORDS.contains(t)) {
                return clash(b, "tuner", t, "");
            }
        }
        for (Op op : Op.values()) {
            for (String a : b.algorithms(op)) {
                if (KEYWORDS.contains(a)) {
                    return clash(b, "algorithm", a, " for " + op.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        return null;
    }

    private static String clash(Backend b, String what, String name, String where) {
        return "backend '" + b.name() + "' defines " + what + " '" + name + "'" + where + ", which is a keyword of --"
                + what
                + "s (" + String.join(", ", KEYWORDS) + "); the backend must name it otherwise";
    }

    private static List<Problem> batched(Problem p, List<Integer> batches) {
        if (batches.isEmpty()) {
            return List.of(p);
        }
        return batches.stream().map(p::withBatch).map(Problem.class::cast).toList();
    }

    /** The requested names this backend defines, or its default when it defines none of them. */
    static List<String> pick(List<String> requested, List<String> defined) {
        if (defined.isEmpty()) {
            return List.of("default");
        }
        if (requested.contains(ALL)) {
            return defined;
        }
        List<String> chosen = new ArrayList<>();
        for (String name : requested) {
            if (name.equals(DEFAULT)) {
                if (!chosen.contains(defined.get(0))) {
                    chosen.add(defined.get(0));
                }
            } else if (defined.contains(name) && !chosen.contains(name)) {
                chosen.add(name);
            }
        }
        return chosen.isEmpty() ? List.of(defined.get(0)) : chosen;
    }

    private static void checkNames(String what, List<String> requested, List<Backend> selected, Set<Op> ops,
                                   boolean perOp) {
        Set<String> known = new LinkedHashSet<>();
        for (Backend b : selected) {
            if (perOp) {
                ops.forEach(op -> known.addAll(b.algorithms(op)));
            } else {
                known.addAll(b.tuners());
            }
        }
        for (String name : requested) {
            if (!name.equals(DEFAULT) && !name.equals(ALL) && !known.contains(name)) {
                throw new IllegalArgumentException("unknown " + what + " '" + name + "' for the selected backends"
                        + " and operators (known: " + String.join(", ", known) + ", default, all)");
            }
        }
    }

    private static Map<String, String> optionsFor(String backend, Map<String, String> all) {
        Map<String, String> mine = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(backend + ".")) {
                mine.put(k.substring(backend.length() + 1), v);
            }
        });
        return mine;
    }
}
