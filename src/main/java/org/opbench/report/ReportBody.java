package org.opbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opbench.analysis.Analysis;
import org.opbench.analysis.Points;
import org.opbench.analysis.Precisions;
import org.opbench.analysis.Roofline;
import org.opbench.analysis.Schedules;
import org.opbench.analysis.Speedups;
import org.opbench.analysis.Tuners;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.PeaksRecord;
import org.opbench.peaks.Theoretical;
import org.opbench.result.HostInfo;
import org.opbench.result.PointRecord;
import org.opbench.result.RunRecord;

/** The report's HTML body: headings, explanations, chart placeholders (or what is missing), tables. */
final class ReportBody {
    private ReportBody() {
    }

    static String html(Analysis a, Map<String, Object> data, String title, String generated, String echartsVersion) {
        StringBuilder b = new StringBuilder();
        b.append("<header><h1>").append(Html.esc(title)).append("</h1>\n<p class=\"meta\">Generated ")
                .append(Html.esc(generated)).append(" by opbench report from ")
                .append(Html.esc(String.join(", ", a.input().files().stream().map(p -> p.getFileName().toString()).toList())))
                .append(". <span id=\"render-status\" data-status=\"pending\">charts not drawn yet (scripts "
                        + "disabled?)</span></p>\n<pre id=\"render-errors\" hidden></pre>\n");
        for (String w : a.input().warnings()) {
            b.append("<p class=\"warning\">").append(Html.esc(w)).append("</p>\n");
        }
        b.append("<p id=\"analysis-notes\">");
        for (String note : new String[] {a.baselineNote(), a.referenceNote()}) {
            if (note != null) {
                b.append("<span class=\"note\">").append(Html.esc(capitalised(note))).append(".</span> ");
            }
        }
        b.append("</p>\n</header>\n");
        runs(b, a.input().runs());
        peaks(b, a.input().latestPeaks());
        gflops(b, data);
        speedup(b, a, data);
        precisions(b, a.precisions(), data);
        tuners(b, a.tuners(), data);
        schedules(b, a.schedules(), data);
        simpleSection(b, "layers", "Per-layer time of networks",
                "Stacked time of each layer of whole-network runs (record \"layer\").", data,
                "No layer records in these results: they come from whole-network runs.", 420);
        simpleSection(b, "throughput", "Throughput versus batch size",
                "Images per second of whole-network runs (record \"network\", status ok) against the batch size.",
                data, "No network records in these results: they come from whole-network runs.", 400);
        simpleSection(b, "accuracy", "Throughput versus accuracy",
                "Images per second against the accuracy the network records carry.", data,
                "No network record with a known accuracy in these results.", 400);
        roofline(b, a.roofline(), a.input().latestPeaks(), data);
        notOk(b, a.notOk());
        b.append("<footer>Charts drawn with Apache ECharts ").append(Html.esc(echartsVersion))
                .append(" (inlined: this file needs no network).</footer>\n");
        return b.toString();
    }

    private static void runs(StringBuilder b, List<RunRecord> runs) {
        b.append("<section id=\"run\"><h2>Runs</h2>\n");
        if (runs.isEmpty()) {
            b.append(Html.noData("No run header in these files."));
        }
        for (RunRecord r : runs) {
            HostInfo h = r.host();
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("started", r.started() + (r.resumed() ? " (resumed)" : "")));
            rows.add(List.of("command", command(r.command())));
            rows.add(List.of("opbench", r.opbenchVersion() + " (commit " + r.gitCommit() + ")"));
            if (h != null) {
                rows.add(List.of("machine", h.cpuModel() + ", " + (h.cores() == null ? "?" : h.cores()) + " cores, "
                        + h.logicalCpus() + " logical CPUs, " + h.arch() + ", " + (h.memoryMb() == null ? "?"
                        : h.memoryMb() + " MB")));
                rows.add(List.of("ISA", String.join(" ", h.isa() == null ? List.of() : h.isa())));
                rows.add(List.of("system", h.os() + " " + h.kernel() + ", governor " + h.governor() + ", max "
                        + (h.cpuMaxMhz() == null ? "?" : Html.num(h.cpuMaxMhz(), 0)) + " MHz, host " + h.hostname()));
                rows.add(List.of("JVM", h.jvm()));
            }
            if (r.timer() != null) {
                rows.add(List.of("timer", r.timer().clock() + ", resolution " + Html.num(r.timer().resolutionNs(), 1)
                        + " ns, call " + Html.num(r.timer().nanotimeCostNs(), 1) + " ns, overhead per repetition "
                        + Html.num(r.timer().repOverheadNs(), 1) + " ns"));
            }
            b.append(Html.table(List.of("run", ""), rows));
            if (r.libraries() != null && !r.libraries().isEmpty()) {
                List<List<Object>> libs = new ArrayList<>();
                r.libraries().forEach((name, m) -> libs.add(List.of(name, String.valueOf(m.get("available")),
                        str(m.get("version")), str(m.get("device")), str(m.get("reason")))));
                b.append(Html.table(List.of("library", "available", "version", "device", "reason"), libs));
            }
        }
        b.append("</section>\n");
    }

    private static void peaks(StringBuilder b, PeaksRecord p) {
        b.append("<section id=\"peaks\"><h2>Machine ceilings</h2>\n");
        if (p == null) {
            b.append(Html.noData("No peaks record given: run 'opbench peaks' and pass its file to place the "
                    + "roofline's ceilings."));
            b.append("</section>\n");
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Ceiling c : p.ceilings()) {
            rows.add(List.of(c.name(), c.kind() + (Ceiling.F32.equals(c.dtype()) ? "" : " " + c.dtype()), str(c.device()), c.threads() == null ? "" : c.threads(),
                    c.isOk() ? Html.num(c.value(), 1) + " " + c.unit() : c.status(), str(c.reason()), str(c.method())));
        }
        b.append("<p>Measured ").append(Html.esc(p.started())).append(" with <code>")
                .append(Html.esc(command(p.command())))
                .append("</code>; each ceiling is the best repetition.</p>\n");
        b.append(Html.table(List.of("provider", "kind", "device", "threads", "ceiling", "reason", "method"), rows,
                false, false, false, true, true));
        Theoretical t = p.theoretical();
        if (t != null && t.gflops() != null) {
            b.append("<p>Theoretical fp32 peak ").append(Html.num(t.gflops(), 1)).append(" GFLOPS (")
                    .append(Html.esc(t.basis())).append("; clock ").append(Html.num(t.mhz(), 0)).append(" MHz from ")
                    .append(Html.esc(t.mhzSource())).append(").</p>\n");
        } else {
            b.append("<p>Theoretical peak unknown: ").append(Html.esc(t == null ? "not computed" : t.reason()))
                    .append(".</p>\n");
        }
        b.append("</section>\n");
    }

    private static void gflops(StringBuilder b, Map<String, Object> data) {
        b.append("<section id=\"gflops\"><h2>GFLOPS per layer</h2>\n<p class=\"explain\">Each box spans the "
                + "GFLOPS of every timed repetition of a point (whiskers: min and max; box: quartiles; line: median), "
                + "per layer and backend/algorithm/tuner. Only ok points.</p>\n");
        b.append(data.get("gflops") == null ? Html.noData("No ok point with samples in these results.")
                : Html.chart("gflops", 0, 440));
        b.append("</section>\n");
    }

    private static void speedup(StringBuilder b, Analysis a, Map<String, Object> data) {
        Speedups.Result s = a.speedups();
        if (!opened(b, "speedup", "Speedup over the baseline", data, "No ok point has a baseline point to compare "
                + "with" + (s == null ? "." : " (" + a.baselineNote() + ")."))) {
            return;
        }
        b.append("<p class=\"explain\">").append(Html.esc(capitalised(a.baselineNote())))
                .append(". Speedup = baseline median / median per problem (above 1 is faster); the baseline at one "
                        + "thread where it has no point at the point's thread count.</p>\n");
        b.append(Html.chart("speedup", 0, 420));
        List<List<Object>> rows = new ArrayList<>();
        for (Speedups.Mean m : s.means()) {
            rows.add(List.of(m.network(), m.config(), m.threads(), m.batch(), m.layers(), Html.num(m.geomean(), 3)));
        }
        b.append("<h3>Geometric mean per set</h3>\n").append(Html.table(List.of("set", "backend/algorithm/tuner",
                "threads", "batch", "layers", "geomean speedup"), rows, false, false, true, true, true, true));
        if (!s.missing().isEmpty()) {
            b.append("<p>No baseline point for: ").append(Html.esc(String.join(", ", s.missing().stream()
                    .map(m -> m.layer() + " (mb" + m.batch() + ")").toList()))).append("</p>\n");
        }
        b.append("</section>\n");
    }

    /**
     * Speedup of each precision over f32 per layer, same backend: the chart, the totals per precision with the
     * pointwise gain, and every layer in a table. Absent (with a line saying why) when the results hold one precision.
     */
    private static void precisions(StringBuilder b, Precisions.Result r, Map<String, Object> data) {
        if (!opened(b, "precisions", "Speedup of each precision over f32", data, r.dtypes().size() < 2
                ? "One precision in these results (" + String.join(", ", r.dtypes()) + "): sweep with --dtype "
                + "f32,bf16,int8 to compare precisions."
                : "No layer has an f32 point and a point of another precision on the same backend.")) {
            return;
        }
        b.append("<p class=\"explain\">Per layer and backend: f32 median / median of the precision (above 1: the "
                + "precision is faster), each precision at the backend's fastest algorithm for that layer. Totals "
                + "are sums of median x repeat; a total's speedup is taken over the layers both precisions have. "
                + "Rates of integer precisions are in GOPS (flops = multiply-adds x 2 in every precision).</p>\n");
        b.append(Html.chart("precisions", 0, 420));
        List<List<Object>> totals = new ArrayList<>();
        for (Precisions.Total t : r.totals()) {
            totals.add(List.of(t.network(), t.backend(), t.threads(), t.batch(), t.dtype(), t.layers() + " of "
                    + t.of(), Units.time(t.totalUs()), t.speedup() == null ? "-" : Html.num(t.speedup(), 2) + "x"
                    + (t.common() == t.of() ? "" : " (" + t.common() + " layers)")));
        }
        b.append("<h3>Network totals per precision</h3>\n").append(Html.table(List.of("set", "backend", "threads",
                "batch", "precision", "layers", "total (x repeat)", "speedup over f32"), totals, false, false, true,
                true, false, true, true, true));
        if (!r.pointwise().isEmpty()) {
            b.append("<ul class=\"gains\">\n");
            for (Precisions.Gain g : r.pointwise()) {
                b.append("<li>").append(Html.esc(g.network() + ", " + g.threads() + (g.threads() == 1 ? " thread"
                        : " threads") + ", batch " + g.batch() + ": " + g.dtype() + " gain of the pointwise (1x1) "
                        + "conv layers on " + g.backend() + ": ")).append("<b>").append(Html.num(g.speedup(), 2))
                        .append("x</b>").append(Html.esc(" (" + g.layers() + " layers, " + Units.time(g.f32Us())
                        + " f32, " + Units.time(g.us()) + " " + g.dtype() + ")")).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Precisions.Row row : r.rows()) {
            for (Precisions.Cell c : row.cells().values()) {
                rows.add(List.of(row.network(), row.layer(), row.type(), row.backend(), row.threads(), row.batch(),
                        c.dtype(), c.config(), Units.time(c.medianUs()),
                        c.speedup() == null ? "-" : Html.num(c.speedup(), 2) + "x"));
            }
        }
        b.append("<details><summary>Every layer in every precision</summary>\n").append(Html.table(List.of("set",
                "layer", "type", "backend", "threads", "batch", "precision", "fastest configuration", "median",
                "speedup over f32"), rows, false, false, false, false, true, true, false, false, true, true))
                .append("</details>\n");
        b.append("</section>\n");
    }

    private static void tuners(StringBuilder b, Tuners.Result t, Map<String, Object> data) {
        if (!opened(b, "tuners", "Tuner comparison", data, "No tuned point with an untuned counterpart in these "
                + "results (sweep with --tuners all to compare).")) {
            return;
        }
        b.append("<p class=\"explain\">Speedup of each tuned point over the untuned point of the same algorithm "
                + "(above 1: tuning helped); the tooltip gives the tuning cost where the backend records it.</p>\n");
        b.append(Html.chart("tuners", 0, 400));
        List<List<Object>> rows = new ArrayList<>();
        for (Tuners.Mean m : t.means()) {
            rows.add(List.of(m.backend() + "/" + m.algorithm() + (Points.F32.equals(m.dtype()) ? "" : " " + m.dtype()),
                    m.tuner(), m.points(), Html.num(m.geomean(), 3),
                    m.tuningMs() == null ? "not recorded" : Html.num(m.tuningMs(), 1)));
        }
        b.append(Html.table(List.of("backend/algorithm", "tuner", "points", "geomean speedup", "tuning ms"), rows,
                false, false, true, true, true));
        b.append("</section>\n");
    }

    private static void schedules(StringBuilder b, List<Schedules.Schedule> schedules, Map<String, Object> data) {
        if (!opened(b, "schedules", "Ideal adaptive schedule", data, "No ok points to schedule.")) {
            return;
        }
        b.append("<p class=\"explain\">Network time per backend (each layer on that backend's fastest "
                + "algorithm/tuner) and of the adaptive schedule (each layer on the fastest configuration of any "
                + "backend), stacked by layer (median x repeat). Layout changes between libraries are not counted.</p>\n");
        for (int i = 0; i < schedules.size(); i++) {
            Schedules.Schedule s = schedules.get(i);
            b.append("<h3>").append(Html.esc(s.network() + ", batch " + s.batch() + ", " + s.threads()
                    + (s.threads() == 1 ? " thread" : " threads") + (Points.F32.equals(s.dtype()) ? ""
                    : ", " + s.dtype()))).append("</h3>\n");
            b.append(Html.chart("schedules", i, 120 + 46 * (s.backendTotalUs().size() + 1)));
            String saving = s.saving() == null ? "not computable (" + (s.bestBackend() == null
                    ? "no backend has every layer ok" : "some layer has no ok point") + ")"
                    : Html.percent(s.saving()) + " against " + s.bestBackend() + " (" + Units.time(s.bestBackendUs()) + ")";
            b.append("<p>Predicted network time ").append(Units.time(s.predictedUs()))
                    .append(s.complete() ? "" : " (incomplete)").append("; saving ").append(Html.esc(saving))
                    .append(".</p>\n");
            List<List<Object>> rows = new ArrayList<>();
            for (Schedules.Choice c : s.layers()) {
                rows.add(List.of(c.layer(), c.repeat(), c.config() == null ? "(no ok point)" : c.config(),
                        c.medianUs() == null ? "-" : Units.time(c.medianUs())));
            }
            b.append("<details><summary>Fastest configuration per layer</summary>\n")
                    .append(Html.table(List.of("layer", "x", "fastest", "median"), rows, false, true, false, true))
                    .append("</details>\n");
        }
        b.append("</section>\n");
    }

    private static void simpleSection(StringBuilder b, String kind, String title, String explain,
                                      Map<String, Object> data, String missing, int height) {
        if (opened(b, kind, title, data, missing)) {
            b.append("<p class=\"explain\">").append(Html.esc(explain)).append("</p>\n").append(Html.chart(kind, 0, height))
                    .append("</section>\n");
        }
    }

    /** Opens section {@code id}; without its chart data, closes it with the missing note and returns false. */
    private static boolean opened(StringBuilder b, String id, String title, Map<String, Object> data, String missing) {
        b.append("<section id=\"").append(id).append("\"><h2>").append(Html.esc(title)).append("</h2>\n");
        if (data.get(id) == null) {
            b.append(Html.noData(missing)).append("</section>\n");
            return false;
        }
        return true;
    }

    private static void roofline(StringBuilder b, Roofline.Result r, PeaksRecord peaks, Map<String, Object> data) {
        if (!opened(b, "roofline", "Roofline", data, "No ok point with flop and byte counts.")) {
            return;
        }
        b.append("<p class=\"explain\">Achieved GFLOPS (median) against operational intensity (flops per byte of "
                + "minimal traffic), log-log, under the measured ceilings min(compute, intensity x bandwidth) per "
                + "thread count; dashed: the theoretical peak.</p>\n");
        for (String note : r.notes()) {
            b.append("<p class=\"warning\">").append(Html.esc(note)).append("</p>\n");
        }
        if (r.points().stream().map(Roofline.Placed::dtype).distinct().count() > 1) {
            b.append("<p class=\"explain\">Each point sits under the ceiling of its own precision: one ceiling line "
                    + "per precision (f32 solid, bf16 and f16 dashed, int8 dotted; each in its colour), points of "
                    + "each precision with their own symbol. GOPS for integer precisions.</p>\n");
        }
        b.append(Html.chart("roofline", 0, 520));
        List<List<Object>> rows = new ArrayList<>();
        for (Roofline.Placed p : r.points()) {
            rows.add(List.of(p.layer(), p.config(), p.threads(), p.batch(), Html.num(p.intensity(), 2),
                    Html.sig(p.gflops()), Html.num(p.attainableGflops(), 1), Html.percent(p.fraction()),
                    p.bound() == null ? "-" : p.bound()));
        }
        b.append("<details><summary>Every point against its ceiling</summary>\n").append(Html.table(List.of("layer",
                "config", "threads", "batch", "flop/byte", "GFLOPS", "attainable", "of attainable", "bound"), rows,
                false, false, true, true, true, true, true, true)).append("</details>\n");
        b.append("</section>\n");
    }

    private static void notOk(StringBuilder b, List<PointRecord> points) {
        b.append("<section id=\"notok\"><h2>Points that are not ok</h2>\n");
        if (points.isEmpty()) {
            b.append("<p>Every point is ok.</p>\n");
        } else {
            List<List<Object>> rows = new ArrayList<>();
            for (PointRecord p : points) {
                rows.add(List.of(Points.network(p), Points.layer(p), Points.config(p), p.threads(), p.batch(),
                        p.status().id(), str(p.reason())));
            }
            b.append("<p>").append(points.size()).append(" point(s); they are in none of the numbers above.</p>\n")
                    .append(Html.table(List.of("set", "layer", "backend/algorithm/tuner", "threads", "batch", "status",
                            "reason"), rows, false, false, false, true, true));
        }
        b.append("</section>\n");
    }

    /** The command line as recorded (with or without the program name in front). */
    private static String command(List<String> args) {
        if (args == null || args.isEmpty()) {
            return "";
        }
        String joined = String.join(" ", args);
        return args.get(0).equals("opbench") ? joined : "opbench " + joined;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
