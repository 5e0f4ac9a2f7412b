package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.opbench.result.PointRecord;

/**
 * Speedup of every backend/algorithm/tuner over a baseline, per problem: {@code baseline median / median} (above 1
 * is faster than the baseline), with the geometric mean per shape set. The baseline point is the one with the same
 * problem, batch and thread count; where the baseline has no ok point at that thread count, its point at the
 * fewest threads is used (a single-threaded baseline such as the reference); where the baseline backend has no
 * point of the baseline's algorithm for a problem (pooling has no "direct convolution"), its first algorithm in the
 * results is used and named in the row. A point is compared with the baseline's point of its own precision
 * ({@code dtype}): an int8 point with the baseline's int8 point, never with its f32 one (the speedup of one precision
 * over another is {@link Precisions}).
 */
public final class Speedups {
    private Speedups() {
    }

    public record Row(String network, String layer, String op, String problem, int batch, int threads, String config,
                      double medianUs, double baselineUs, String baselineConfig, int baselineThreads, double speedup) {
    }

    /** Geometric mean of the speedups of one configuration over the layers of one set. */
    public record Mean(String network, String config, int batch, int threads, int layers, double geomean) {
    }

    /** A problem for which the baseline has no ok point: its points get no speedup. */
    public record Missing(String network, String layer, String problem, int batch) {
    }

    public record Result(Baseline baseline, List<Row> rows, List<Mean> means, List<Missing> missing) {
    }

    public static Result of(List<PointRecord> points, Baseline baseline) {
        return of(points, baseline, p -> true);
    }

    /**
     * @param shown which points get a row (the baseline is looked up among all {@code points}, so a baseline left
     *              out of the rows, such as the reference, still serves as one)
     */
    public static Result of(List<PointRecord> points, Baseline baseline, Predicate<PointRecord> shown) {
        // problem (op|problem|batch) -> threads -> baseline point; exact algorithm first, fallback second
        Map<String, TreeMap<Integer, PointRecord>> exact = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, PointRecord>> fallback = new LinkedHashMap<>();
        for (PointRecord p : points) {
            if (!Points.timed(p) || !p.backend().equals(baseline.backend()) || !p.tuner().equals(baseline.tuner())) {
                continue;
            }
            String k = problemKey(p);
            if (p.algorithm().equals(baseline.algorithm())) {
                exact.computeIfAbsent(k, x -> new TreeMap<>()).putIfAbsent(p.threads(), p);
            } else {
                TreeMap<Integer, PointRecord> byThreads = fallback.computeIfAbsent(k, x -> new TreeMap<>());
                PointRecord first = byThreads.isEmpty() ? null : byThreads.firstEntry().getValue();
                if (first == null || first.algorithm().equals(p.algorithm())) {
                    byThreads.putIfAbsent(p.threads(), p);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Missing> missing = new LinkedHashMap<>();
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        Map<String, Row> groupExample = new LinkedHashMap<>();
        for (PointRecord p : points) {
            if (!Points.timed(p) || !shown.test(p)) {
                continue;
            }
            String k = problemKey(p);
            PointRecord base = pick(exact.get(k), p.threads());
            if (base == null) {
                base = pick(fallback.get(k), p.threads());
            }
            if (base == null) {
                missing.putIfAbsent(Points.layerKey(p) + "|" + p.batch(),
                        new Missing(Points.network(p), Points.layer(p), p.problem(), p.batch()));
                continue;
            }
            double speedup = base.timeUs().median() / p.timeUs().median();
            Row row = new Row(Points.network(p), Points.layer(p), p.op(), p.problem(), p.batch(), p.threads(),
                    Points.config(p), p.timeUs().median(), base.timeUs().median(), Points.config(base), base.threads(),
                    speedup);
            rows.add(row);
            String g = row.network() + "|" + row.config() + "|" + row.batch() + "|" + row.threads();
            groups.computeIfAbsent(g, x -> new ArrayList<>()).add(speedup);
            groupExample.putIfAbsent(g, row);
        }
        List<Mean> means = new ArrayList<>();
        groups.forEach((g, values) -> {
            Row ex = groupExample.get(g);
            means.add(new Mean(ex.network(), ex.config(), ex.batch(), ex.threads(), values.size(),
                    Means.geometric(values)));
        });
        return new Result(baseline, rows, means, new ArrayList<>(missing.values()));
    }

    /** The baseline named on the command line, or the default ({@link Baseline#defaultFor(List)}). */
    public static Baseline resolve(String option, List<PointRecord> points) {
        if (option != null) {
            return Baseline.parse(option);
        }
        return Baseline.defaultFor(points);
    }

    private static PointRecord pick(TreeMap<Integer, PointRecord> byThreads, int threads) {
        if (byThreads == null || byThreads.isEmpty()) {
            return null;
        }
        PointRecord same = byThreads.get(threads);
        return same != null ? same : byThreads.firstEntry().getValue();
    }

    /** A problem at a batch in one precision: a point's baseline is of its own precision. */
    private static String problemKey(PointRecord p) {
        return p.op() + "|" + p.problem() + "|" + p.batch() + "|" + Points.dtype(p);
    }
}
