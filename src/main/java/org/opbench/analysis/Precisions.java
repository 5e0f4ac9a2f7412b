package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.result.PointRecord;

/**
 * Speedup of each precision over f32, per layer, on the same backend: the "int8 gain" table. Within one set,
 * batch, thread count and backend, each layer's time in a precision is the backend's fastest ok
 * algorithm/tuner for that layer in that precision (what one would deploy: a library's best int8 kernel against
 * its best f32 kernel, which need not be the same algorithm); the configurations chosen are kept in the cells.
 * Speedup = f32 time / time of the precision (above 1: the precision is faster). Points of different backends,
 * sets, batches or thread counts are never compared.
 *
 * <p>Totals per precision are sums of median x repeat over the layers that precision has an ok point for; the
 * speedup of a total is taken over the layers both f32 and the precision have (named with their count), so a
 * precision that misses a layer is not credited with the layer's time. The pointwise gain is the same ratio over
 * the conv layers with a 1x1 kernel only (the type comes from the problem's fields, {@link LayerTypes}).
 */
public final class Precisions {
    private Precisions() {
    }

    /** One precision's time for a layer: the backend's fastest configuration in that precision. */
    public record Cell(String dtype, String config, double medianUs, Double speedup) {
    }

    /**
     * One layer of one backend.
     *
     * @param cells per precision id (f32 first where present), the fastest ok point of that precision
     */
    public record Row(String network, int batch, int threads, String backend, String layer, String op, String problem,
                      String type, int repeat, Map<String, Cell> cells) {
        /** The f32 cell, or null. */
        public Cell f32() {
            return cells.get(Points.F32);
        }
    }

    /**
     * A precision's network total on one backend.
     *
     * @param layers     layers with an ok point of this precision
     * @param of         layers of the group (with an ok point in any precision on this backend)
     * @param totalUs    sum of median x repeat over {@code layers}
     * @param common     layers with both an f32 and a point of this precision
     * @param f32CommonUs the f32 sum over the common layers (null for f32 itself or when none is common)
     * @param commonUs   this precision's sum over the common layers
     * @param speedup    f32CommonUs / commonUs (null for f32 or when none is common)
     */
    public record Total(String network, int batch, int threads, String backend, String dtype, int layers, int of,
                        double totalUs, int common, Double f32CommonUs, Double commonUs, Double speedup) {
        public boolean complete() {
            return layers == of;
        }
    }

    /** The gain of a precision over f32 over the layers of one type (the pointwise 1x1 convs) on one backend. */
    public record Gain(String network, int batch, int threads, String backend, String dtype, String type, int layers,
                       double f32Us, double us, double speedup) {
    }

    /**
     * @param dtypes every precision with an ok point, f32 first
     * @param rows   empty when only one precision is present
     */
    public record Result(List<String> dtypes, List<Row> rows, List<Total> totals, List<Gain> pointwise) {
        public Result {
            dtypes = List.copyOf(dtypes);
            rows = List.copyOf(rows);
            totals = List.copyOf(totals);
            pointwise = List.copyOf(pointwise);
        }

        /** Whether there is anything to compare: more than one precision, f32 among them. */
        public boolean compared() {
            return !rows.isEmpty();
        }
    }

    public static Result of(List<PointRecord> points) {
        Set<String> dtypes = new LinkedHashSet<>();
        points.stream().filter(Points::timed).forEach(p -> dtypes.add(Points.dtype(p)));
        List<String> ordered = new ArrayList<>();
        if (dtypes.contains(Points.F32)) {
            ordered.add(Points.F32);
        }
        dtypes.stream().filter(d -> !d.equals(Points.F32)).forEach(ordered::add);
        if (ordered.size() < 2 || !dtypes.contains(Points.F32)) {
            return new Result(ordered, List.of(), List.of(), List.of());
        }
        // group (network|batch|threads|backend) -> layer (op|problem|layer) -> dtype -> fastest point
        Map<String, Map<String, Map<String, PointRecord>>> groups = new LinkedHashMap<>();
        for (PointRecord p : points) {
            if (!Points.timed(p)) {
                continue;
            }
            String g = Points.network(p) + "|" + p.batch() + "|" + p.threads() + "|" + p.backend();
            String layer = p.op() + "|" + p.problem() + "|" + Points.layer(p);
            groups.computeIfAbsent(g, k -> new LinkedHashMap<>()).computeIfAbsent(layer, k -> new LinkedHashMap<>())
                    .merge(Points.dtype(p), p, (a, b) -> b.timeUs().median() < a.timeUs().median() ? b : a);
        }
        List<Row> rows = new ArrayList<>();
        List<Total> totals = new ArrayList<>();
        List<Gain> gains = new ArrayList<>();
        for (Map<String, Map<String, PointRecord>> layers : groups.values()) {
            boolean several = layers.values().stream().anyMatch(m -> m.size() > 1 || !m.containsKey(Points.F32));
            if (!several) {
                continue; // this backend ran f32 only: nothing to compare
            }
            PointRecord ex = layers.values().iterator().next().values().iterator().next();
            List<Row> mine = new ArrayList<>();
            for (Map<String, PointRecord> byDtype : layers.values()) {
                PointRecord f32 = byDtype.get(Points.F32);
                PointRecord any = byDtype.values().iterator().next();
                Map<String, Cell> cells = new LinkedHashMap<>();
                for (String d : ordered) {
                    PointRecord p = byDtype.get(d);
                    if (p != null) {
                        Double speedup = f32 == null || d.equals(Points.F32) ? null
                                : f32.timeUs().median() / p.timeUs().median();
                        cells.put(d, new Cell(d, Points.config(p), p.timeUs().median(), speedup));
                    }
                }
                mine.add(new Row(Points.network(any), any.batch(), any.threads(), any.backend(), Points.layer(any),
                        any.op(), any.problem(), LayerTypes.type(any), Math.max(1, any.repeat()), cells));
            }
            rows.addAll(mine);
            for (String d : ordered) {
                totals.add(total(ex, d, mine));
            }
            for (String d : ordered) {
                if (d.equals(Points.F32)) {
                    continue;
                }
                double f32Us = 0;
                double us = 0;
                int n = 0;
                for (Row r : mine) {
                    Cell c = r.cells().get(d);
                    if (LayerTypes.CONV_1X1.equals(r.type()) && c != null && r.f32() != null) {
                        f32Us += r.f32().medianUs() * r.repeat();
                        us += c.medianUs() * r.repeat();
                        n++;
                    }
                }
                if (n > 0) {
                    gains.add(new Gain(Points.network(ex), ex.batch(), ex.threads(), ex.backend(), d,
                            LayerTypes.CONV_1X1, n, f32Us, us, f32Us / us));
                }
            }
        }
        return new Result(ordered, rows, totals, gains);
    }

    private static Total total(PointRecord ex, String dtype, List<Row> rows) {
        double total = 0;
        int layers = 0;
        double f32Common = 0;
        double common = 0;
        int n = 0;
        for (Row r : rows) {
            Cell c = r.cells().get(dtype);
            if (c == null) {
                continue;
            }
            total += c.medianUs() * r.repeat();
            layers++;
            if (r.f32() != null) {
                f32Common += r.f32().medianUs() * r.repeat();
                common += c.medianUs() * r.repeat();
                n++;
            }
        }
        boolean f32 = dtype.equals(Points.F32);
        return new Total(Points.network(ex), ex.batch(), ex.threads(), ex.backend(), dtype, layers, rows.size(), total,
                n, f32 || n == 0 ? null : f32Common, f32 || n == 0 ? null : common,
                f32 || n == 0 ? null : f32Common / common);
    }
}
