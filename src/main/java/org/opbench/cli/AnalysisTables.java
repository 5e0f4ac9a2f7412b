package org.opbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opbench.analysis.Analysis;
import org.opbench.analysis.Points;
import org.opbench.analysis.Precisions;
import org.opbench.analysis.Roofline;
import org.opbench.analysis.Schedules;
import org.opbench.analysis.Speedups;
import org.opbench.analysis.Tuners;
import org.opbench.peaks.PeaksRecord;
import org.opbench.result.PointRecord;

/** The terminal tables of {@code opbench analyze}. */
final class AnalysisTables {
    private AnalysisTables() {
    }

    static void print(PrintWriter out, Analysis a) {
        speedups(out, a.speedups(), a.precisions().dtypes().size() > 1);
        precisions(out, a.precisions());
        tuners(out, a.tuners());
        schedules(out, a.schedules());
        roofline(out, a.roofline(), a.input().latestPeaks());
        notOk(out, a.notOk());
        out.flush();
    }

    static void speedups(PrintWriter out, Speedups.Result s) {
        speedups(out, s, false);
    }

    /** @param precisions whether the results hold more than one precision (a line then says how they are compared) */
    static void speedups(PrintWriter out, Speedups.Result s, boolean precisions) {
        heading(out, "Speedup over the baseline");
        if (s == null || s.rows().isEmpty()) {
            out.println("no ok points with a baseline point to compare with"
                    + (s == null ? "" : " (baseline " + s.baseline().label() + ")"));
            return;
        }
        out.println("baseline " + s.baseline().label() + "; speedup = baseline median / median (above 1: faster); "
                + "geomean = geometric mean over the set's layers");
        if (precisions) {
            out.println("each precision against the baseline backend's point of the same precision (one precision "
                    + "against another: the next section)");
        }
        Map<String, List<Speedups.Row>> groups = new LinkedHashMap<>();
        for (Speedups.Row r : s.rows()) {
            groups.computeIfAbsent(r.network() + "|" + r.batch() + "|" + r.threads(), k -> new ArrayList<>()).add(r);
        }
        for (List<Speedups.Row> g : groups.values()) {
            Speedups.Row ex = g.get(0);
            Set<String> configs = new LinkedHashSet<>();
            Map<String, Map<String, Speedups.Row>> byLayer = new LinkedHashMap<>();
            Set<String> baselines = new LinkedHashSet<>();
            for (Speedups.Row r : g) {
                configs.add(r.config());
                byLayer.computeIfAbsent(r.layer() + "|" + r.problem(), k -> new LinkedHashMap<>()).put(r.config(), r);
                baselines.add(r.baselineConfig() + (r.baselineThreads() != r.threads() ? " at " + r.baselineThreads()
                        + " thread(s)" : ""));
            }
            out.println();
            out.println(ex.network() + ", batch " + ex.batch() + ", " + threads(ex.threads()) + " (baseline: "
                    + String.join(", ", baselines) + ")");
            List<String> header = new ArrayList<>(List.of("layer"));
            header.addAll(configs);
            Table t = new Table(header, rightAfterFirst(header.size()));
            for (Map<String, Speedups.Row> row : byLayer.values()) {
                List<String> cells = new ArrayList<>(List.of(row.values().iterator().next().layer()));
                for (String c : configs) {
                    Speedups.Row r = row.get(c);
                    cells.add(r == null ? "" : x(r.speedup()));
                }
                t.row(cells);
            }
            List<String> mean = new ArrayList<>(List.of("geomean"));
            for (String c : configs) {
                mean.add(s.means().stream().filter(m -> m.network().equals(ex.network()) && m.batch() == ex.batch()
                        && m.threads() == ex.threads() && m.config().equals(c)).findFirst()
                        .map(m -> x(m.geomean()) + " (" + m.layers() + ")").orElse(""));
            }
            t.row(mean);
            t.print(out);
        }
        if (!s.missing().isEmpty()) {
            out.println("no baseline point for " + s.missing().size() + " problem(s): " + String.join(", ",
                    s.missing().stream().map(m -> m.layer() + " (mb" + m.batch() + ")").limit(10).toList())
                    + (s.missing().size() > 10 ? ", ..." : ""));
        }
    }

    static void tuners(PrintWriter out, Tuners.Result r) {
        heading(out, "Tuned versus untuned");
        if (r.rows().isEmpty()) {
            out.println("no tuned points with an untuned counterpart in these results" + (r.unmatched() > 0
                    ? " (" + r.unmatched() + " tuned point(s) without one)" : ""));
            return;
        }
        Table t = new Table(List.of("layer", "threads", "batch", "backend/algorithm", "tuner", "untuned", "tuned",
                "speedup", "tuning ms", "prepare ms"), false, true, true, false, false, true, true, true, true, true);
        for (Tuners.Row row : r.rows()) {
            t.row(List.of(row.layer(), Integer.toString(row.threads()), Integer.toString(row.batch()),
                    row.backend() + "/" + row.algorithm() + dtypeSuffix(row.dtype()), row.tuner(),
                    Format.time(row.untunedUs()),
                    Format.time(row.tunedUs()), x(row.speedup()), opt(row.tuningMs(), 1), opt(row.tunedPrepareMs(), 1)));
        }
        t.print(out);
        out.println();
        Table m = new Table(List.of("backend/algorithm", "tuner", "points", "geomean speedup", "total tuning ms"),
                false, false, true, true, true);
        for (Tuners.Mean mean : r.means()) {
            m.row(List.of(mean.backend() + "/" + mean.algorithm() + dtypeSuffix(mean.dtype()), mean.tuner(), Integer.toString(mean.points()),
                    x(mean.geomean()), mean.tuningMs() == null ? "not recorded" : Format.num(mean.tuningMs(), 1)));
        }
        m.print(out);
    }

    static void schedules(PrintWriter out, List<Schedules.Schedule> schedules) {
        heading(out, "Ideal adaptive schedule (fastest configuration per layer)");
        if (schedules.isEmpty()) {
            out.println("no ok points");
            return;
        }
        for (Schedules.Schedule s : schedules) {
            out.println();
            out.println(s.network() + ", batch " + s.batch() + ", " + threads(s.threads())
                    + (Points.F32.equals(s.dtype()) ? "" : ", " + s.dtype()));
            Table t = new Table(List.of("layer", "x", "fastest", "median", "x repeat"), false, true, false, true, true);
            for (Schedules.Choice c : s.layers()) {
                t.row(List.of(c.layer(), Integer.toString(c.repeat()), c.config() == null ? "(no ok point)" : c.config(),
                        c.medianUs() == null ? "-" : Format.time(c.medianUs()),
                        c.medianUs() == null ? "-" : Format.time(c.medianUs() * c.repeat())));
            }
            t.print(out);
            out.println("predicted network time: " + Format.time(s.predictedUs())
                    + (s.complete() ? "" : " (incomplete: some layers have no ok point)"));
            s.backendTotalUs().forEach((b, us) -> out.println("  " + b + " alone (its fastest algorithm per layer): "
                    + Format.time(us)));
            if (!s.incompleteBackends().isEmpty()) {
                out.println("  not every layer ok on: " + String.join(", ", s.incompleteBackends()));
            }
            if (s.saving() != null) {
                out.println("saving against the best single backend (" + s.bestBackend() + ", "
                        + Format.time(s.bestBackendUs()) + "): " + String.format(Locale.ROOT, "%.1f%%", s.saving() * 100));
            } else {
                out.println("saving against the best single backend: not computable ("
                        + (s.bestBackend() == null ? "no backend has every layer ok" : "the schedule is incomplete") + ")");
            }
        }
    }

    static void roofline(PrintWriter out, Roofline.Result r, PeaksRecord peaks) {
        heading(out, "Roofline");
        if (r.roofs().isEmpty() && peaks != null && !r.points().isEmpty()) {
            out.println("the peaks record has no ceiling for these points");
        }
        for (Roofline.Roof roof : r.roofs()) {
            out.println(roof.label() + ": compute " + (roof.peakGflops() == null ? "not measured"
                    : Format.num(roof.peakGflops(), 1) + " " + Points.rateUnit(roof.peakDtype()) + " ("
                    + roof.peakSource() + (roof.fallback() ? ", the f32 ceiling: no " + roof.dtype()
                    + " ceiling measured" : "") + ")") + ", bandwidth "
                    + (roof.bandwidthGbps() == null ? "not measured" : Format.num(roof.bandwidthGbps(), 1) + " GB/s ("
                    + roof.bandwidthSource() + ")") + (roof.ridge() == null ? "" : ", ridge at "
                    + Format.num(roof.ridge(), 2) + " flop/byte") + (roof.theoreticalGflops() == null ? ""
                    : ", theoretical " + Format.num(roof.theoreticalGflops(), 1) + " GFLOPS"));
        }
        r.notes().forEach(out::println);
        if (r.points().isEmpty()) {
            out.println("no ok points with flops and bytes");
            return;
        }
        boolean integer = r.points().stream().anyMatch(p -> Points.integer(p.dtype()));
        if (integer) {
            out.println("GFLOPS/GOPS: operations per second, GOPS for the integer precisions (flops = multiply-adds x 2"
                    + " in every precision)");
        }
        Table t = new Table(List.of("layer", "config", "threads", "batch", "flop/byte", integer ? "GFLOPS/GOPS"
                : "GFLOPS", "attainable",
                "of attainable", "bound"), false, false, true, true, true, true, true, true, false);
        for (Roofline.Placed p : r.points()) {
            t.row(List.of(p.layer(), p.config(), Integer.toString(p.threads()), Integer.toString(p.batch()),
                    Format.num(p.intensity(), 2), sig(p.gflops()), opt(p.attainableGflops(), 1),
                    p.fraction() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", p.fraction() * 100),
                    p.bound() == null ? "-" : p.bound()));
        }
        t.print(out);
    }

    static void notOk(PrintWriter out, List<PointRecord> points) {
        heading(out, "Points that are not ok (not in the numbers above)");
        if (points.isEmpty()) {
            out.println("none");
            return;
        }
        Table t = new Table(List.of("layer", "config", "threads", "batch", "status", "reason"),
                false, false, true, true, false, false);
        for (PointRecord p : points) {
            String reason = p.reason() == null ? "" : p.reason();
            int nl = reason.indexOf('\n');
            t.row(List.of(Points.layer(p), Points.config(p), Integer.toString(p.threads()), Integer.toString(p.batch()),
                    p.status().id(), nl < 0 ? reason : reason.substring(0, nl)));
        }
        t.print(out);
    }

    /**
     * Speedup of each precision over f32 per layer, per set, batch, threads and backend ({@link Precisions}): the
     * time of each precision and its speedup, the totals per precision and the pointwise (1x1 conv) gain.
     */
    static void precisions(PrintWriter out, Precisions.Result r) {
        if (r.dtypes().size() < 2) {
            return; // one precision: nothing to compare (the usual f32-only results print nothing here)
        }
        heading(out, "Speedup of each precision over f32 per layer");
        if (!r.compared()) {
            out.println("no f32 points to compare the other precisions with (precisions: " + String.join(", ",
                    r.dtypes()) + ")");
            return;
        }
        out.println("same backend, each precision at its fastest algorithm per layer; speedup = f32 median / median "
                + "(above 1: faster than f32); totals = sum of median x repeat");
        Map<String, List<Precisions.Row>> groups = new LinkedHashMap<>();
        for (Precisions.Row row : r.rows()) {
            groups.computeIfAbsent(row.network() + "|" + row.batch() + "|" + row.threads() + "|" + row.backend(),
                    k -> new ArrayList<>()).add(row);
        }
        for (List<Precisions.Row> g : groups.values()) {
            Precisions.Row ex = g.get(0);
            List<String> dtypes = r.dtypes().stream().filter(d -> g.stream().anyMatch(x -> x.cells().containsKey(d)))
                    .toList();
            out.println();
            out.println(ex.network() + ", batch " + ex.batch() + ", " + threads(ex.threads()) + ", " + ex.backend());
            List<String> header = new ArrayList<>(List.of("layer", "type", "x"));
            for (String d : dtypes) {
                header.add(d);
                if (!d.equals(Points.F32)) {
                    header.add(d + " speedup");
                }
            }
            boolean[] right = new boolean[header.size()];
            for (int i = 2; i < right.length; i++) {
                right[i] = true;
            }
            Table t = new Table(header, right);
            for (Precisions.Row row : g) {
                List<String> cells = new ArrayList<>(List.of(row.layer(), row.type(), Integer.toString(row.repeat())));
                for (String d : dtypes) {
                    Precisions.Cell c = row.cells().get(d);
                    cells.add(c == null ? "-" : Format.time(c.medianUs()));
                    if (!d.equals(Points.F32)) {
                        cells.add(c == null || c.speedup() == null ? "-" : x(c.speedup()));
                    }
                }
                t.row(cells);
            }
            List<String> total = new ArrayList<>(List.of("total (x repeat)", "", ""));
            for (String d : dtypes) {
                Precisions.Total tot = r.totals().stream().filter(x -> x.network().equals(ex.network())
                        && x.batch() == ex.batch() && x.threads() == ex.threads() && x.backend().equals(ex.backend())
                        && x.dtype().equals(d)).findFirst().orElseThrow();
                total.add(Format.time(tot.totalUs()) + (tot.complete() ? "" : " (" + tot.layers() + " of "
                        + tot.of() + ")"));
                if (!d.equals(Points.F32)) {
                    total.add(tot.speedup() == null ? "-" : x(tot.speedup()) + (tot.common() == tot.of() ? ""
                            : " (" + tot.common() + " layers)"));
                }
            }
            t.row(total);
            t.print(out);
            for (Precisions.Gain gain : r.pointwise()) {
                if (gain.network().equals(ex.network()) && gain.batch() == ex.batch()
                        && gain.threads() == ex.threads() && gain.backend().equals(ex.backend())) {
                    out.println(gainLine(gain));
                }
            }
        }
    }

    /** "int8 gain of the pointwise (1x1) conv layers on dnnl: 2.10x (13 layers, 1.20 ms f32, 0.57 ms int8)". */
    static String gainLine(Precisions.Gain g) {
        return g.dtype() + " gain of the pointwise (1x1) conv layers on " + g.backend() + ": " + x(g.speedup()) + " ("
                + g.layers() + (g.layers() == 1 ? " layer, " : " layers, ") + Format.time(g.f32Us()) + " f32, "
                + Format.time(g.us()) + " " + g.dtype() + ", median x repeat)";
    }

    private static String dtypeSuffix(String dtype) {
        return dtype == null || dtype.equals(Points.F32) ? "" : " " + dtype;
    }

    private static void heading(PrintWriter out, String title) {
        out.println();
        out.println("== " + title + " ==");
    }

    private static String threads(int t) {
        return t + (t == 1 ? " thread" : " threads");
    }

    private static String x(double v) {
        return String.format(Locale.ROOT, "%.2fx", v);
    }

    /** Two decimals, or three significant digits below 1 (the reference backend's figures are small). */
    private static String sig(double v) {
        return v >= 1 || v == 0 ? Format.num(v, 2) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String opt(Double v, int decimals) {
        return v == null ? "-" : Format.num(v, decimals);
    }

    private static boolean[] rightAfterFirst(int n) {
        boolean[] r = new boolean[n];
        for (int i = 1; i < n; i++) {
            r[i] = true;
        }
        return r;
    }
}
