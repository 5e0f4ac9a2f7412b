package org.opbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opbench.analysis.LayerTypes;
import org.opbench.analysis.Points;
import org.opbench.backend.reference.ReferenceBackend;
import org.opbench.result.PointRecord;

/**
 * The answer of a sweep in at most {@link #MAX_LINES} lines of at most {@link #WIDTH} columns, printed before the
 * full table (issue 22): per layer type the fastest backend/algorithm by the sum of its median x repeat over that
 * type's layers, its margin over the fastest other backend (with an interval where the points carry one), and the
 * network total per backend.
 *
 * <ul>
 *   <li>Layer types come from the problem's fields, not its name: a conv with a 1x1 kernel is {@code conv 1x1}; one
 *       with a 3x3 kernel whose groups equal its input and output channels (more than one) is
 *       {@code conv 3x3 depthwise}; every other conv is {@code conv other}; then {@code fc}, {@code pool},
 *       {@code softmax}.</li>
 *   <li>Only ok points count, at the highest thread count swept (the line says which); a configuration
 *       (backend/algorithm/tuner) competes for a type only when it has an ok point for every layer of the type.</li>
 *   <li>The reference backend is the oracle: it is left out while another backend has ok points.</li>
 *   <li>Margin: the runner-up's sum over the winner's, less 1. Where every point of both sums carries a 95%
 *       interval ({@link #interval}), the margin's interval is the runner-up's low sum over the winner's high sum
 *       to the runner-up's high over the winner's low; an interval reaching 0 is called a tie.</li>
 *   <li>Network total per backend: each backend's fastest ok algorithm per layer, summed over the layers (median x
 *       repeat); a backend without an ok point for every layer shows how many layers its total covers.</li>
 *   <li>Precision: a configuration includes its precision ({@code dnnl/auto int8}); a layer is the same layer in
 *       every precision, so an int8 configuration competes with f32 ones as a different entry, named as such, and
 *       the network total is per backend and precision ({@code dnnl int8}).</li>
 * </ul>
 */
final class AnswerLines {
    static final int WIDTH = 100;
    static final int MAX_LINES = 8;
    static final String UNKNOWN_CONV = LayerTypes.UNKNOWN_CONV;
    static final List<String> TYPES = LayerTypes.TYPES;

    private AnswerLines() {
    }

    static void print(PrintWriter out, List<PointRecord> points) {
        List<String> lines = lines(points);
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        lines.forEach(out::println);
        out.flush();
    }

    /** The layer type of a point from its op and problem fields ({@link LayerTypes#type}). */
    static String type(PointRecord p) {
        return LayerTypes.type(p);
    }

    /** A point's 95% interval of its headline time in microseconds ({@code ci_us}: lo, hi), or null where it has none. */
    static double[] interval(PointRecord p) {
        return p.ciUs() == null ? null : new double[] {p.ciUs().lo(), p.ciUs().hi()};
    }

    /** Sums over a set of layers: median, and the interval's ends while every point has one. */
    private static final class Sum {
        double median;
        double lo;
        double hi;
        boolean intervals = true;
        int layers;

        void add(PointRecord p) {
            median += p.timeUs().median() * p.repeat();
            double[] ci = interval(p);
            if (ci == null) {
                intervals = false;
            } else {
                lo += ci[0] * p.repeat();
                hi += ci[1] * p.repeat();
            }
            layers++;
        }
    }

    static List<String> lines(List<PointRecord> all) {
        List<PointRecord> ok = all.stream().filter(p -> p.ok() && p.timeUs() != null).toList();
        if (ok.isEmpty()) {
            return List.of();
        }
        if (ok.stream().anyMatch(p -> !p.backend().equals(ReferenceBackend.NAME))) {
            ok = ok.stream().filter(p -> !p.backend().equals(ReferenceBackend.NAME)).toList();
        }
        int threads = ok.stream().mapToInt(PointRecord::threads).max().orElse(1);
        boolean several = ok.stream().mapToInt(PointRecord::threads).distinct().count() > 1;
        List<PointRecord> at = ok.stream().filter(p -> p.threads() == threads).toList();
        // type -> layer keys; type -> config -> sum
        Map<String, Set<String>> layersOfType = new LinkedHashMap<>();
        Map<String, Map<String, Sum>> sums = new LinkedHashMap<>();
        Map<String, String> backendOf = new LinkedHashMap<>();
        Set<String> allLayers = new LinkedHashSet<>();
        for (PointRecord p : at) {
            String type = type(p);
            String layer = layerKey(p);
            allLayers.add(layer);
            layersOfType.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(layer);
            String config = config(p);
            backendOf.put(config, p.backend());
            sums.computeIfAbsent(type, k -> new LinkedHashMap<>()).computeIfAbsent(config, k -> new Sum()).add(p);
        }
        List<String> lines = new ArrayList<>();
        lines.add(fit("Answer at " + threads + (threads == 1 ? " thread" : " threads") + (several ? " (others in "
                + "the table)" : "") + ": fastest by sum of median x repeat; network: best per layer"));
        for (String type : TYPES) {
            Set<String> layers = layersOfType.get(type);
            if (layers == null) {
                continue;
            }
            List<Map.Entry<String, Sum>> complete = sums.get(type).entrySet().stream()
                    .filter(e -> e.getValue().layers == layers.size())
                    .sorted(Comparator.comparingDouble(e -> e.getValue().median)).toList();
            String head = String.format(Locale.ROOT, "  %-23s ", type + " (" + layers.size() + ")");
            if (complete.isEmpty()) {
                lines.add(fit(head + "no configuration has an ok point for every layer"));
                continue;
            }
            Map.Entry<String, Sum> first = complete.get(0);
            Map.Entry<String, Sum> second = complete.stream()
                    .filter(e -> !backendOf.get(e.getKey()).equals(backendOf.get(first.getKey()))).findFirst()
                    .orElse(complete.size() > 1 ? complete.get(1) : null);
            String line = head + first.getKey() + " " + Format.time(first.getValue().median);
            if (second != null) {
                line += ", " + margin(first.getValue(), second.getValue()) + " " + second.getKey();
            } else {
                line += ", the only one";
            }
            lines.add(fit(line));
        }
        lines.add(fit(network(at, allLayers.size())));
        return lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines;
    }

    /** "12% (CI 8-15%) ahead of", or "tie (+1%, CI -2..+5%) with" when the interval reaches 0. */
    static String margin(Sum first, Sum second) {
        double m = 100 * (second.median / first.median - 1);
        if (first.intervals && second.intervals && first.lo > 0 && first.hi > 0) {
            double lo = 100 * (second.lo / first.hi - 1);
            double hi = 100 * (second.hi / first.lo - 1);
            if (lo <= 0) {
                return String.format(Locale.ROOT, "tie (%+.0f%%, CI %.0f..%+.0f%%) with", m, lo, hi);
            }
            return String.format(Locale.ROOT, "%.0f%% (CI %.0f-%.0f%%) ahead of", m, lo, hi);
        }
        return String.format(Locale.ROOT, "%.0f%% ahead of", m);
    }

    /** Network total per backend: its fastest ok point per layer, summed (median x repeat), fastest first. */
    private static String network(List<PointRecord> at, int layers) {
        Map<String, Map<String, Double>> best = new LinkedHashMap<>(); // backend -> layer -> time x repeat
        for (PointRecord p : at) {
            best.computeIfAbsent(p.backend() + Points.dtypeSuffix(p), k -> new LinkedHashMap<>()).merge(layerKey(p),
                    p.timeUs().median() * p.repeat(), Math::min);
        }
        List<Map.Entry<String, Map<String, Double>>> order = new ArrayList<>(best.entrySet());
        order.sort(Comparator.comparing((Map.Entry<String, Map<String, Double>> e) -> e.getValue().size() < layers)
                .thenComparingDouble(e -> e.getValue().values().stream().mapToDouble(Double::doubleValue).sum()));
        List<String> parts = new ArrayList<>();
        Double fastest = null;
        for (Map.Entry<String, Map<String, Double>> e : order) {
            double total = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            String part = e.getKey() + " " + Format.time(total);
            if (e.getValue().size() < layers) {
                part += " (" + e.getValue().size() + " of " + layers + " layers)";
            } else if (fastest == null) {
                fastest = total;
            } else {
                part += String.format(Locale.ROOT, " (+%.0f%%)", 100 * (total / fastest - 1));
            }
            parts.add(part);
        }
        String line = "  network total";
        for (int i = 0; i < parts.size(); i++) {
            String next = line + (i == 0 ? ": " : ", ") + parts.get(i);
            String rest = i + 1 < parts.size() ? ", +" + (parts.size() - i - 1) + " more" : "";
            if ((next + rest).length() > WIDTH && i > 0) {
                return line + ", +" + (parts.size() - i) + " more"; // the totals of all: the table below
            }
            line = next;
        }
        return line;
    }

    private static String layerKey(PointRecord p) {
        return p.op() + "|" + p.problem() + "|" + p.layer() + "|" + p.batch();
    }

    /** The configuration, precision included ({@link Points#config}): an int8 point competes as its own entry. */
    private static String config(PointRecord p) {
        return Points.config(p);
    }

    /** Cuts a line to {@link #WIDTH} columns, ending in "..." when cut. */
    static String fit(String s) {
        return s.length() <= WIDTH ? s : s.substring(0, WIDTH - 3) + "...";
    }
}
