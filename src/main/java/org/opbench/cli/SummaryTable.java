package org.opbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opbench.analysis.Points;
import org.opbench.result.PointRecord;

/**
 * The end-of-sweep summary: layers down, configurations (backend/algorithm/tuner/threads) across, median time in
 * each cell ({@code *} marks an unstable point, non-ok points show their status), then per configuration the
 * network total (time x repeat) and its GFLOPS, and the reasons of the points that are not ok.
 *
 * <p>When the sweep asked for each backend's default algorithms, a backend's column holds its default for every
 * operator (the defaults differ per operator: opencl's conv {@code direct} and fc {@code gemv}), so that its total
 * covers the whole network; a line under the table names the defaults that ran.
 *
 * <p>Precision: points of each precision ({@code dtype}) get their own table with its own totals, under a heading
 * naming the precision when there are several; rates of integer precisions are labelled GOPS.
 *
 * <p>Tables wider than the terminal ({@link Table#terminalWidth()}) are split into blocks of columns that each fit,
 * every block repeating the layer columns; no number is cut.
 */
final class SummaryTable {
    /** Up to this many configurations are shown side by side. */
    static final int WIDE = 6;

    private SummaryTable() {
    }

    static void print(PrintWriter out, List<PointRecord> points) {
        print(out, points, false);
    }

    /**
     * @param defaults whether the algorithms were each backend's defaults ({@code --algorithms default}): columns
     *                 then merge a backend's per-operator defaults
     */
    static void print(PrintWriter out, List<PointRecord> points, boolean defaults) {
        print(out, points, defaults, Table.terminalWidth());
    }

    /**
     * @param width the columns to fit: a table wider than this is split into blocks of configuration columns, each
     *              repeating the layer, op and repeat columns
     */
    static void print(PrintWriter out, List<PointRecord> points, boolean defaults, int width) {
        if (points.isEmpty()) {
            out.println("no points");
            out.flush();
            return;
        }
        Map<String, List<PointRecord>> byDtype = new LinkedHashMap<>();
        points.forEach(p -> byDtype.computeIfAbsent(Points.dtype(p), k -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<PointRecord>> e : byDtype.entrySet()) {
            if (byDtype.size() > 1) {
                out.println();
                out.println("== " + e.getKey() + (Points.integer(e.getKey()) ? " (rates in GOPS: operations per second)"
                        : "") + " ==");
            }
            printTable(out, e.getValue(), e.getKey(), defaults, width);
        }
        printDefaults(out, points, defaults, width);
        printReasons(out, points, width);
    }

    /** The table of the points of one precision: one table per precision, so no int8 point sits in an f32 total. */
    private static void printTable(PrintWriter out, List<PointRecord> points, String dtype, boolean defaults,
                                   int width) {
        Map<String, Map<String, PointRecord>> byRow = new LinkedHashMap<>();
        Set<String> configs = new LinkedHashSet<>();
        Map<String, PointRecord> rowExample = new LinkedHashMap<>();
        for (PointRecord p : points) {
            String row = p.op() + "|" + p.problem() + "|" + p.layer();
            String config = defaults ? defaultColumn(p) : config(p);
            configs.add(config);
            byRow.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(config, p);
            rowExample.putIfAbsent(row, p);
        }
        if (configs.size() > WIDE) {
            printLong(out, byRow, rowExample, configs, width, Points.rateUnit(dtype));
            return;
        }
        List<String> header = new ArrayList<>(List.of("layer", "op", "x"));
        header.addAll(configs);
        boolean[] right = new boolean[header.size()];
        for (int i = 2; i < right.length; i++) {
            right[i] = true;
        }
        Table t = new Table(header, right);
        Map<String, double[]> totals = new LinkedHashMap<>(); // config -> {time us, flops, complete(1/0)}
        configs.forEach(c -> totals.put(c, new double[] {0, 0, 1}));
        for (Map.Entry<String, Map<String, PointRecord>> e : byRow.entrySet()) {
            PointRecord ex = rowExample.get(e.getKey());
            List<String> cells = new ArrayList<>(List.of(ProgressPrinter.label(ex), ex.op(), Integer.toString(ex.repeat())));
            for (String c : configs) {
                PointRecord p = e.getValue().get(c);
                double[] tot = totals.get(c);
                if (p == null) {
                    cells.add("");
                    tot[2] = 0;
                } else if (p.ok()) {
                    cells.add(headline(p));
                    tot[0] += p.timeUs().median() * p.repeat();
                    tot[1] += (double) p.flops() * p.repeat();
                } else {
                    cells.add(p.status().id());
                    tot[2] = 0;
                }
            }
            t.row(cells);
        }
        List<String> totalRow = new ArrayList<>(List.of("total (x repeat)", "", ""));
        List<String> gflopsRow = new ArrayList<>(List.of(Points.rateUnit(dtype), "", ""));
        for (String c : configs) {
            double[] tot = totals.get(c);
            totalRow.add(tot[2] == 1 ? Format.time(tot[0]) : "incomplete");
            gflopsRow.add(tot[2] == 1 && tot[0] > 0 ? Format.num(tot[1] / (tot[0] * 1e3), 2) : "-");
        }
        t.row(totalRow);
        t.row(gflopsRow);
        out.println();
        Table.printWrapped(out, "Median time per point +- the half-width of its 95% interval in percent (* = unstable: "
                + "interval wider than the threshold; x = repeat count in the network)", width);
        t.print(out, width, 3);
    }

    /**
     * A point's headline cell: the median, the half-width of its 95% interval in percent where it has one (one round
     * has none), and {@code *} when unstable: {@code 26.4 us +-1.2%*}.
     */
    static String headline(PointRecord p) {
        return Format.time(p.timeUs().median()) + (p.ciPct() == null ? "" : " +-" + Format.num(p.ciPct(), 1) + "%")
                + (Boolean.TRUE.equals(p.unstable()) ? "*" : "");
    }

    /** The column of a point when defaults are merged: the algorithm becomes {@code default}. */
    static String defaultColumn(PointRecord p) {
        return p.backend() + "/default" + (p.tuner().equals("none") ? "" : "/" + p.tuner()) + "/t" + p.threads();
    }

    /** {@code default = dnnl: conv auto, fc auto, ...; opencl: conv direct, fc gemv, ...}, in point order. */
    private static void printDefaults(PrintWriter out, List<PointRecord> points, boolean defaults, int width) {
        if (!defaults) {
            return;
        }
        Map<String, Map<String, Set<String>>> byBackend = new LinkedHashMap<>();
        for (PointRecord p : points) {
            byBackend.computeIfAbsent(p.backend(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.op(), k -> new LinkedHashSet<>()).add(p.algorithm());
        }
        List<String> parts = new ArrayList<>();
        byBackend.forEach((b, ops) -> {
            List<String> o = new ArrayList<>();
            ops.forEach((op, algs) -> o.add(op + " " + String.join("|", algs)));
            parts.add(b + ": " + String.join(", ", o));
        });
        Table.printWrapped(out, "default = each backend's default algorithm per operator; " + String.join("; ", parts),
                width);
    }

    /** More configurations than fit across: totals per configuration, then the fastest one per layer. */
    private static void printLong(PrintWriter out, Map<String, Map<String, PointRecord>> byRow,
                                  Map<String, PointRecord> rowExample, Set<String> configs, int width, String rate) {
        Table totals = new Table(List.of("configuration", "ok", "not ok", "total (x repeat)", rate),
                false, true, true, true, true);
        for (String c : configs) {
            double time = 0;
            double flops = 0;
            int ok = 0;
            int bad = 0;
            for (Map<String, PointRecord> row : byRow.values()) {
                PointRecord p = row.get(c);
                if (p == null) {
                    continue;
                }
                if (p.ok()) {
                    ok++;
                    time += p.timeUs().median() * p.repeat();
                    flops += (double) p.flops() * p.repeat();
                } else {
                    bad++;
                }
            }
            boolean complete = ok == byRow.size();
            totals.row(List.of(c, Integer.toString(ok), Integer.toString(bad),
                    ok == 0 ? "-" : Format.time(time) + (complete ? "" : " (" + ok + " layers)"),
                    ok == 0 ? "-" : Format.num(flops / (time * 1e3), 2)));
        }
        out.println();
        out.println("Per configuration: network time over its ok layers (median x repeat)");
        totals.print(out, width, 1);
        Table best = new Table(List.of("layer", "op", "x", "fastest", "median", rate, "runner-up", "median"),
                false, false, true, false, true, true, false, true);
        for (Map.Entry<String, Map<String, PointRecord>> e : byRow.entrySet()) {
            List<PointRecord> ok = e.getValue().values().stream().filter(PointRecord::ok)
                    .sorted(java.util.Comparator.comparingDouble(p -> p.timeUs().median())).toList();
            PointRecord ex = rowExample.get(e.getKey());
            List<String> cells = new ArrayList<>(List.of(ProgressPrinter.label(ex), ex.op(), Integer.toString(ex.repeat())));
            if (ok.isEmpty()) {
                cells.addAll(List.of("none ok", "", "", "", ""));
            } else {
                PointRecord first = ok.get(0);
                cells.addAll(List.of(config(first), headline(first), Format.num(first.gflops(), 2)));
                if (ok.size() > 1) {
                    cells.addAll(List.of(config(ok.get(1)), Format.time(ok.get(1).timeUs().median())));
                } else {
                    cells.addAll(List.of("", ""));
                }
            }
            best.row(cells);
        }
        out.println();
        Table.printWrapped(out, "Fastest configuration per layer (median +- 95% interval half-width; * = unstable)",
                width);
        best.print(out, width, 3);
    }

    private static void printReasons(PrintWriter out, List<PointRecord> points, int width) {
        long emulated = points.stream().filter(p -> p.ok() && Boolean.TRUE.equals(p.emulated())).count();
        if (emulated > 0) {
            out.println();
            Table.printWrapped(out, "EMULATED: " + emulated + " of these points ran under an emulator; their times are"
                    + " the emulator's, not the emulated hardware's (\"emulated\": true in the results)", width);
        }
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (PointRecord p : points) {
            if (!p.ok()) {
                String r = config(p) + Points.dtypeSuffix(p) + ": " + p.status().id() + ": " + firstLine(p.reason());
                reasons.merge(r, 1, Integer::sum);
            }
        }
        if (!reasons.isEmpty()) {
            out.println();
            out.println("Points that are not ok:");
            reasons.forEach((r, n) -> Table.printWrapped(out, String.format(Locale.ROOT, "  %3dx %s", n, r), width));
        }
        out.flush();
    }

    static String config(PointRecord p) {
        return p.backend() + "/" + p.algorithm() + (p.tuner().equals("none") ? "" : "/" + p.tuner()) + "/t" + p.threads();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
