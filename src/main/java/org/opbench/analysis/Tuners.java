package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.result.PointRecord;

/**
 * Tuned versus untuned, per algorithm: every ok tuned point against the untuned point of the same backend,
 * algorithm, precision, problem, batch and thread count. Speedup = untuned median / tuned median. The tuning cost is
 * {@code details.tuning_ms} where the backend records it; {@code prepare_ms} of both is kept as well.
 */
public final class Tuners {
    private Tuners() {
    }

    public record Row(String network, String layer, String problem, int batch, int threads, String backend,
                      String algorithm, String tuner, double untunedUs, double tunedUs, double speedup,
                      Double tuningMs, Double tunedPrepareMs, Double untunedPrepareMs, String dtype) {
    }

    /** Per backend/algorithm/tuner: geometric mean speedup and the summed tuning cost (null where none recorded). */
    public record Mean(String backend, String algorithm, String tuner, int points, double geomean, Double tuningMs,
                       String dtype) {
    }

    /** Tuned points with no untuned counterpart (nothing to compare with). */
    public record Result(List<Row> rows, List<Mean> means, int unmatched) {
    }

    public static Result of(List<PointRecord> points) {
        Map<String, PointRecord> untuned = new LinkedHashMap<>();
        for (PointRecord p : points) {
            if (Points.timed(p) && Points.UNTUNED.equals(p.tuner())) {
                untuned.putIfAbsent(match(p), p);
            }
        }
        List<Row> rows = new ArrayList<>();
        int unmatched = 0;
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (PointRecord p : points) {
            if (!Points.timed(p) || Points.UNTUNED.equals(p.tuner())) {
                continue;
            }
            PointRecord u = untuned.get(match(p));
            if (u == null) {
                unmatched++;
                continue;
            }
            Row row = new Row(Points.network(p), Points.layer(p), p.problem(), p.batch(), p.threads(), p.backend(),
                    p.algorithm(), p.tuner(), u.timeUs().median(), p.timeUs().median(),
                    u.timeUs().median() / p.timeUs().median(), tuningMs(p), p.prepareMs(), u.prepareMs(),
                    Points.dtype(p));
            rows.add(row);
            groups.computeIfAbsent(p.backend() + "|" + p.algorithm() + "|" + p.tuner() + "|" + Points.dtype(p), k -> new ArrayList<>()).add(row);
        }
        List<Mean> means = new ArrayList<>();
        for (List<Row> g : groups.values()) {
            List<Double> speedups = new ArrayList<>();
            Double cost = null;
            for (Row r : g) {
                speedups.add(r.speedup());
                if (r.tuningMs() != null) {
                    cost = (cost == null ? 0 : cost) + r.tuningMs();
                }
            }
            Row ex = g.get(0);
            means.add(new Mean(ex.backend(), ex.algorithm(), ex.tuner(), g.size(), Means.geometric(speedups), cost,
                    ex.dtype()));
        }
        return new Result(rows, means, unmatched);
    }

    /** The record's top-level {@code tuning_ms}; for records without it, {@code details.tuning_ms}; or null. */
    static Double tuningMs(PointRecord p) {
        if (p.tuningMs() != null) {
            return p.tuningMs();
        }
        if (p.details() == null) {
            return null;
        }
        Object v = p.details().get("tuning_ms");
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String match(PointRecord p) {
        return p.op() + "|" + p.problem() + "|" + p.batch() + "|" + p.threads() + "|" + p.backend() + "|" + p.algorithm()
                + "|" + Points.dtype(p);
    }
}
