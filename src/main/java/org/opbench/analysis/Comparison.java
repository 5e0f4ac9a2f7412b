package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.result.PointRecord;

/**
 * Two runs point by point (same {@link PointRecord#key()}): the ratio of medians B / A (above 1: B is slower) and
 * whether the samples differ significantly by the two-sided Mann-Whitney U test at {@code alpha}. Only points that
 * are ok in both runs are compared; the others are listed.
 */
public final class Comparison {
    private Comparison() {
    }

    public enum Verdict { SLOWER, FASTER, SAME }

    public record Row(String key, String network, String layer, String config, int threads, int batch, double medianA,
                      double medianB, double ratio, MannWhitney.Result test, Verdict verdict) {
        /** The change of B against A in percent (positive: slower). */
        public double changePercent() {
            return (ratio - 1) * 100;
        }
    }

    public record Result(List<Row> rows, List<String> onlyA, List<String> onlyB, List<String> notCompared,
                         double alpha) {
        /** Significant slowdowns of more than {@code percent}. */
        public List<Row> regressions(double percent) {
            List<Row> out = new ArrayList<>();
            for (Row r : rows) {
                if (r.verdict() == Verdict.SLOWER && r.changePercent() > percent) {
                    out.add(r);
                }
            }
            return out;
        }

        public long count(Verdict v) {
            return rows.stream().filter(r -> r.verdict() == v).count();
        }
    }

    public static Result of(List<PointRecord> a, List<PointRecord> b, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie between 0 and 1, got " + alpha);
        }
        Map<String, PointRecord> byKeyB = new LinkedHashMap<>();
        for (PointRecord p : Points.latest(b)) {
            byKeyB.put(p.key(), p);
        }
        List<Row> rows = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        for (PointRecord pa : Points.latest(a)) {
            PointRecord pb = byKeyB.remove(pa.key());
            if (pb == null) {
                onlyA.add(label(pa));
                continue;
            }
            if (!usable(pa) || !usable(pb)) {
                notCompared.add(label(pa) + ": A " + state(pa) + ", B " + state(pb));
                continue;
            }
            MannWhitney.Result test = MannWhitney.test(pa.samplesUs(), pb.samplesUs());
            double ratio = pb.timeUs().median() / pa.timeUs().median();
            Verdict v = !test.significant(alpha) || ratio == 1 ? Verdict.SAME : ratio > 1 ? Verdict.SLOWER : Verdict.FASTER;
            rows.add(new Row(pa.key(), Points.network(pa), Points.layer(pa), Points.config(pa), pa.threads(), pa.batch(),
                    pa.timeUs().median(), pb.timeUs().median(), ratio, test, v));
        }
        List<String> onlyB = new ArrayList<>();
        byKeyB.values().forEach(p -> onlyB.add(label(p)));
        return new Result(rows, onlyA, onlyB, notCompared, alpha);
    }

    private static boolean usable(PointRecord p) {
        return Points.timed(p) && p.samplesUs() != null && p.samplesUs().length > 0;
    }

    private static String state(PointRecord p) {
        if (!p.ok()) {
            return p.status().id();
        }
        return usable(p) ? "ok" : "ok without samples";
    }

    static String label(PointRecord p) {
        return Points.network(p) + " " + Points.layer(p) + " " + Points.config(p) + " t" + p.threads() + " mb" + p.batch();
    }
}
